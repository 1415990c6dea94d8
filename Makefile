# One entry point for every task. `make help` lists them.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: help setup test lint format bench faults dev schemas sdl messages clean

help:
	@echo "make dev      set up, start every process and seed a demo"
	@echo "make test     set up, check style and types, run the test suite"
	@echo "make lint     ruff and mypy"
	@echo "make bench    benchmarks (figures and ratios measured in one run)"
	@echo "make faults   the fault-injection suite (kills processes, restarts the database and the broker)"
	@echo "make schemas  regenerate event JSON Schemas and the AsyncAPI document"
	@echo "make sdl      regenerate the committed GraphQL SDL files"
	@echo "make messages bring the zh-TW and English catalogues in step with the code"

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: setup lint
	scripts/ensure-rabbitmq.sh
	$(PY) -m pytest -q

bench: setup
	scripts/ensure-rabbitmq.sh
	$(PY) -m pytest -q -m bench -s -p no:cacheprovider tests/bench

# Every scenario, the broker restart included (it stops the local broker for a moment).
faults: setup
	scripts/ensure-rabbitmq.sh
	FAULTS_BROKER_RESTART=1 $(PY) -m pytest -q -m 'not bench' -p no:cacheprovider tests/faults

dev: setup
	scripts/ensure-rabbitmq.sh
	$(PY) -m scripts.dev

schemas: setup
	$(PY) -m contracts.generate

sdl: setup
	$(PY) -m scripts.export_sdl

messages: setup
	$(PY) -m servicekit.i18n.extract

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache

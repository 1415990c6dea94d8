# One entry point for every task. `make help` lists them.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: help setup test lint format bench faults dev schemas sdl clients messages clean web web-setup web-check console

help:
	@echo "make dev      set up, start every process and seed a demo"
	@echo "make test     set up, check style and types, run the test suite"
	@echo "make lint     ruff and mypy"
	@echo "make bench    benchmarks (figures and ratios measured in one run)"
	@echo "make faults   the fault-injection suite (kills processes, restarts the database and the broker)"
	@echo "make schemas  regenerate event JSON Schemas and the AsyncAPI document"
	@echo "make sdl      regenerate the committed GraphQL SDL files"
	@echo "make clients  regenerate the gateway's typed service clients (after make sdl)"
	@echo "make web      the console's hot-reloading dev server, against the running gateway"
	@echo "make messages bring the zh-TW and English catalogues in step with the code"

setup: $(STAMP)

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock -r requirements-dev.lock
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

# The web console (web/README.md): installed from its lockfile only, built when its sources change.
WEB_STAMP := web/node_modules/.installed
WEB_BUILT := web/dist/index.html
WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html web/vite.config.ts \
	web/tsconfig.json web/package.json

web-setup: $(WEB_STAMP)

$(WEB_STAMP): web/package-lock.json web/package.json
	@command -v npm >/dev/null 2>&1 || { echo "Node.js 20 and npm are required for the console"; exit 1; }
	cd web && npm ci --no-audit --no-fund
	@touch $@

console: $(WEB_BUILT)

$(WEB_BUILT): $(WEB_STAMP) $(WEB_SOURCES)
	cd web && npm run build

web-check: $(WEB_STAMP)
	cd web && npm run codegen:check && npm run typecheck && npm test

web: $(WEB_STAMP)
	cd web && npm run dev

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: setup lint web-check console
	scripts/ensure-rabbitmq.sh
	scripts/install-chromium.sh
	$(PY) -m pytest -q
	cd web && npm run e2e

bench: setup console
	scripts/ensure-rabbitmq.sh
	$(PY) -m pytest -q -m bench -s -p no:cacheprovider tests/bench
	cd web && npm run bench

# Every scenario, the broker restart included (it stops the local broker for a moment).
faults: setup
	scripts/ensure-rabbitmq.sh
	FAULTS_BROKER_RESTART=1 $(PY) -m pytest -q -m 'not bench' -p no:cacheprovider tests/faults

dev: setup console
	scripts/ensure-rabbitmq.sh
	$(PY) -m scripts.dev

schemas: setup
	$(PY) -m contracts.generate

sdl: setup
	$(PY) -m scripts.export_sdl

messages: setup
	$(PY) -m servicekit.i18n.extract

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache web/node_modules web/dist

# The gateway's typed service clients, from the services' SDL and gateway/adapters/clients/operations.
clients: setup
	$(PY) -m gateway.adapters.clients.codegen

"""The production image holds what runs and nothing used only to build or to test. No Docker
daemon is needed: the Dockerfile's stages and the locks are read as files."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import PackageNotFoundError, distribution

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from deploy.generate import ROOT
from deploy.processes import PROCESSES

LOCK_LINE = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[A-Za-z0-9.+!_-]+)$")
TEST_ONLY = {"secantusdb", "pytest", "pytest-asyncio", "pytest-timeout", "ruff", "mypy", "aiosmtpd",
             "check-jsonschema", "kubernetes-validate", "psutil", "jsonschema"}  # fmt: skip


def _lock(name: str) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / name).read_text().splitlines():
        match = LOCK_LINE.match(line)
        assert match, f"{name}: not a name==version line: {line!r}"
        pins[canonicalize_name(match["name"])] = match["version"]
    return pins


def _stages() -> list[tuple[str, str, list[str]]]:
    """(base image, stage name, instructions) for each stage of the Dockerfile."""
    stages: list[tuple[str, str, list[str]]] = []
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("FROM "):
            words = line.split()
            stages.append((words[1], words[3] if len(words) > 3 else "", []))
        else:
            stages[-1][2].append(line)
    return stages


def _runtime_closure() -> dict[str, str]:
    """Every distribution the project's own dependencies need, with its installed version."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    needed: dict[str, str] = {}
    todo = [Requirement(r) for r in project["dependencies"]]
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        if name in needed:
            continue
        try:
            found = distribution(requirement.name)
        except PackageNotFoundError:
            continue  # for another platform or Python
        needed[name] = found.version
        for text in found.requires or []:
            sub = Requirement(text)
            extras = ["", *requirement.extras]
            if sub.marker is None or any(sub.marker.evaluate({"extra": extra}) for extra in extras):
                todo.append(sub)
    return needed


def test_the_locks_pin_every_package_once_and_without_urls():
    runtime, dev = _lock("requirements.lock"), _lock("requirements-dev.lock")
    assert not set(runtime) & set(dev), "a package is pinned in both locks"
    assert (
        "://" not in (ROOT / "requirements.lock").read_text() + (ROOT / "requirements-dev.lock").read_text()
    )


def test_the_runtime_lock_holds_what_the_code_needs_and_no_test_tool():
    runtime, dev = _lock("requirements.lock"), _lock("requirements-dev.lock")
    closure = _runtime_closure()
    missing = {name: version for name, version in closure.items() if runtime.get(name) != version}
    assert not missing, f"pin these in requirements.lock: {missing}"
    assert not TEST_ONLY & set(runtime), sorted(TEST_ONLY & set(runtime))
    assert set(dev) >= TEST_ONLY
    assert "secantusdb" not in {canonicalize_name(Requirement(r).name) for r in _project_dependencies()}


def _project_dependencies() -> list[str]:
    dependencies: list[str] = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    return dependencies


def test_the_image_builds_the_console_in_a_stage_of_its_own_and_runs_on_runtime_dependencies_only():
    (node, console, build), (python, runtime, run) = _stages()
    assert node.startswith("node:20") and console == "console"
    assert any("npm ci" in line for line in build) and any("npm run build" in line for line in build)

    assert python.startswith("python:3.11") and runtime == "runtime"
    installs = [line for line in run if "pip install" in line]
    assert installs == ["RUN pip install --no-deps -r requirements.lock && pip check"]
    everything = "\n".join(run).lower()
    for unwanted in ("requirements-dev.lock", "secantus", "pytest", "ruff", "mypy", "[test]", "tests", "npm"):
        assert unwanted not in everything, unwanted
    assert "COPY --from=console /web/dist ./web/dist" in run


def test_the_image_listens_outside_the_container_on_every_port_of_the_table():
    (_, _, run) = _stages()[-1]
    env = " ".join(line for line in run if line.startswith("ENV "))
    assert "LISTEN_HOST=0.0.0.0" in env
    exposed = {int(port) for line in run if line.startswith("EXPOSE ") for port in line.split()[1:]}
    assert exposed == {p.port for p in PROCESSES}
    assert any(line.startswith("USER ") and "root" not in line for line in run)

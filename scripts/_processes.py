"""Finding every process of every service, and running them as one supervised group."""

from __future__ import annotations

import importlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Where each process answers /health/ready by default (the worker has no HTTP port).
PROBE_PORTS: dict[tuple[str, str], int] = {
    ("opportunity", "api"): 8101,
    ("opportunity", "relay"): 8102,
    ("notifications", "api"): 8201,
    ("notifications", "consumer"): 8202,
    ("notifications", "scheduler"): 8203,
    ("reporting", "api"): 8301,
    ("reporting", "consumer"): 8302,
    ("notifications", "worker"): 8204,
    ("gateway", "gateway"): 8000,
}

# Jobs run on demand, not kept running (a read-model rebuild, a one-off import).
ONE_SHOT = frozenset({"rebuild", "migrate", "seed"})


@dataclass(frozen=True)
class ProcessSpec:
    service: str
    name: str
    module: str

    @property
    def label(self) -> str:
        return f"{self.service}.{self.name}"

    @property
    def probe_port(self) -> int | None:
        return PROBE_PORTS.get((self.service, self.name))


def discover() -> list[ProcessSpec]:
    """Every service under services/ whose entrypoints declare PROCESSES, then the gateway."""
    specs: list[ProcessSpec] = []
    packages = [f"services.{p.name}" for p in sorted((ROOT / "services").iterdir()) if p.is_dir()]
    for package in [*packages, "gateway"]:
        if not (ROOT / package.replace(".", "/") / "entrypoints" / "__init__.py").exists():
            continue
        module = importlib.import_module(f"{package}.entrypoints")
        processes: dict[str, str] = getattr(module, "PROCESSES", {})
        service = package.rsplit(".", 1)[-1]
        specs.extend(
            ProcessSpec(service, name, target) for name, target in processes.items() if name not in ONE_SHOT
        )
    return specs


@dataclass
class ProcessGroup:
    """Child processes started together and stopped together (SIGTERM, then SIGKILL)."""

    log_dir: Path
    env: dict[str, str]
    running: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def start(
        self, label: str, argv: list[str], env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        with (self.log_dir / f"{label}.log").open("ab") as log:
            # A new session per child: Ctrl-C in the terminal reaches only this script, which
            # then stops the children in order instead of all of them dying at once.
            proc = subprocess.Popen(
                argv,
                cwd=ROOT,
                env=env or self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.running[label] = proc
        return proc

    def start_module(self, spec: ProcessSpec, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        return self.start(spec.label, [sys.executable, "-m", spec.module], env)

    def exited(self) -> dict[str, int]:
        return {label: code for label, proc in self.running.items() if (code := proc.poll()) is not None}

    def stop(self, labels: list[str] | None = None, timeout: float = 15.0) -> None:
        targets = [label for label in (labels or list(self.running)) if label in self.running]
        for label in targets:
            proc = self.running[label]
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for label in targets:
            proc = self.running.pop(label)
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def base_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("PYTHONUNBUFFERED", "1")
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env

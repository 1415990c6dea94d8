"""Every process of every service (the process table, deploy/processes.py), run as one
supervised group."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from deploy.processes import PROCESSES, Process
from servicekit.reconnect import Backoff

ROOT = Path(__file__).resolve().parent.parent


def discover() -> list[Process]:
    """Every long-running process, as the process table lists them."""
    return list(PROCESSES)


@dataclass
class _Child:
    """How a child is started, and how its restarts go."""

    argv: list[str]
    env: dict[str, str] | None
    started_at: float = 0.0
    quick_exits: int = 0
    """Exits in a row, each soon after its start: they make the next pause longer."""
    restart_at: float | None = None


@dataclass
class ProcessGroup:
    """Child processes started together and stopped together (SIGTERM, then SIGKILL). Supervised
    (``restart_exited``): a child that exits is started again after a pause, longer while it
    keeps exiting soon after each start."""

    log_dir: Path
    env: dict[str, str]
    running: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    backoff: Backoff = field(default_factory=lambda: Backoff(first=1.0, longest=30.0))
    steady_after: float = 30.0
    """Seconds a child must have run for its next restart to wait the shortest pause again."""
    _children: dict[str, _Child] = field(default_factory=dict)

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
        child = self._children.setdefault(label, _Child(argv, env))
        child.started_at = time.monotonic()
        child.restart_at = None
        return proc

    def start_module(self, spec: Process, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        """Start a process of the table; it listens on its table port unless ``env`` says ``PORT``."""
        own = {"PORT": str(spec.port), **(env or self.env)}
        return self.start(spec.label, [sys.executable, "-m", spec.module], own)

    def exited(self) -> dict[str, int]:
        return {label: code for label, proc in self.running.items() if (code := proc.poll()) is not None}

    def restart_exited(self, say: Callable[[str], None]) -> list[str]:
        """Schedule a restart for each child found exited, saying so, and start those whose
        pause is over; returns the labels started again."""
        now = time.monotonic()
        restarted: list[str] = []
        for label, code in self.exited().items():
            child = self._children[label]
            if child.restart_at is None:
                ran = now - child.started_at
                child.quick_exits = 1 if ran >= self.steady_after else child.quick_exits + 1
                pause = self.backoff.delay(child.quick_exits)
                child.restart_at = now + pause
                say(f"{label} exited with code {code} after {ran:.0f} s; restarting it in {pause:.1f} s")
            elif now >= child.restart_at:
                self.start(label, child.argv, child.env)
                say(f"{label} restarted")
                restarted.append(label)
        return restarted

    def stop(self, labels: list[str] | None = None, timeout: float = 15.0) -> None:
        targets = [label for label in (labels or list(self.running)) if label in self.running]
        for label in targets:
            proc = self.running[label]
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for label in targets:
            proc = self.running.pop(label)
            self._children.pop(label, None)
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def base_env() -> dict[str, str]:
    """This process's environment for the children, but ``PORT``: each has its own."""
    env = {name: value for name, value in os.environ.items() if name != "PORT"}
    env.setdefault("PYTHONUNBUFFERED", "1")
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env

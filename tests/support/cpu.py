"""Where a benchmark's CPU went: the processes it measures, the database server beside them, and
how many of the machine's cores were busy meanwhile (the database and the broker share the
cores with what a benchmark measures, so a figure means little without these)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import psutil


def listening_process(url: str) -> psutil.Process | None:
    """The local process listening on the URL's port (the test database server), if any."""
    port = urlsplit(url).port
    for connection in psutil.net_connections(kind="tcp"):
        if connection.status == psutil.CONN_LISTEN and connection.laddr.port == port and connection.pid:
            return psutil.Process(connection.pid)
    return None


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system


@dataclass(frozen=True)
class CpuReading:
    """CPU seconds used so far by each watched process, and the machine's busy and total time."""

    processes: tuple[float, ...]
    machine_busy: float
    machine_total: float

    @classmethod
    def of(cls, processes: Sequence[psutil.Process]) -> CpuReading:
        machine = psutil.cpu_times()
        # Guest time is counted in user time already.
        total = sum(machine) - getattr(machine, "guest", 0.0) - getattr(machine, "guest_nice", 0.0)
        return cls(tuple(cpu_seconds(p) for p in processes), total - machine.idle - machine.iowait, total)


@dataclass(frozen=True)
class CpuUse:
    """What was used between two readings."""

    processes: tuple[float, ...]
    """CPU seconds of each watched process."""
    cores_busy: float
    """The machine's cores kept busy on average, by everything on it."""

    @classmethod
    def between(cls, start: CpuReading, end: CpuReading) -> CpuUse:
        total = end.machine_total - start.machine_total
        busy = (end.machine_busy - start.machine_busy) / total * psutil.cpu_count() if total else 0.0
        return cls(tuple(e - s for s, e in zip(start.processes, end.processes, strict=True)), busy)

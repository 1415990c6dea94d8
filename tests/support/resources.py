"""Where a benchmark's CPU and memory went: the processes it measures, the database server beside
them, and how many of the machine's cores were busy meanwhile (the database and the broker share
the cores with what a benchmark measures, so a figure means little without these)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import psutil


def listening_pid(url: str) -> int | None:
    """The local process listening on the URL's port (the test database server), if any."""
    port = urlsplit(url).port
    for connection in psutil.net_connections(kind="tcp"):
        if connection.status == psutil.CONN_LISTEN and connection.laddr.port == port and connection.pid:
            return int(connection.pid)
    return None


def cpu_seconds(pid: int) -> float:
    """User plus system CPU the process has used so far."""
    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


def rss_mib(pid: int) -> float:
    return float(psutil.Process(pid).memory_info().rss) / 2**20


@dataclass(frozen=True)
class CpuReading:
    """CPU seconds used so far by each watched process, and the machine's busy and total time."""

    processes: tuple[float, ...]
    machine_busy: float
    machine_total: float

    @classmethod
    def of(cls, pids: Sequence[int]) -> CpuReading:
        machine = psutil.cpu_times()
        # Guest time is counted in user time already.
        total = sum(machine) - getattr(machine, "guest", 0.0) - getattr(machine, "guest_nice", 0.0)
        return cls(tuple(cpu_seconds(pid) for pid in pids), total - machine.idle - machine.iowait, total)


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

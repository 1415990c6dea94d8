"""Every long-running process of the system, in one table read by all that starts them: each
process's entry point (its default port), ``make dev`` (scripts/), the Compose file and the
Kubernetes manifests (``python -m deploy.generate`` rewrites both) and the image (Dockerfile).

Jobs run on demand (a read-model rebuild, a migration, an import) are not listed: nothing keeps
them running."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Process:
    service: str
    name: str
    port: int
    """Where /health/live, /health/ready and /metrics answer (and the API, for an api): the
    default of the process's ``PORT``."""
    serves_api: bool = False
    replicas: int = 1
    autoscale: tuple[int, int] | None = None
    """(min, max) replicas for a horizontal autoscaler on CPU."""
    cpu: str = "100m"
    memory: str = "256Mi"

    @property
    def module(self) -> str:
        if self.service == "gateway":
            return "gateway.entrypoints.app"
        return f"services.{self.service}.entrypoints.{self.name}"

    @property
    def id(self) -> str:
        """The process's name in logs, traces, Compose and Kubernetes."""
        return self.service if self.service == self.name else f"{self.service}-{self.name}"

    @property
    def label(self) -> str:
        """The process's name in ``make dev``'s output and log files."""
        return f"{self.service}.{self.name}"


PROCESSES: tuple[Process, ...] = (
    Process("opportunity", "api", 8101, serves_api=True, replicas=2),
    Process("opportunity", "relay", 8102),
    Process("notifications", "api", 8201, serves_api=True),
    Process("notifications", "consumer", 8202),
    Process("notifications", "scheduler", 8203),
    Process("notifications", "worker", 8204, memory="384Mi"),
    Process("reporting", "api", 8301, serves_api=True, replicas=2),
    # Reporting consumers share one quorum queue (competing consumers): replicas add throughput.
    Process("reporting", "consumer", 8302, replicas=2, autoscale=(2, 8)),
    Process("gateway", "gateway", 8000, serves_api=True, replicas=2, autoscale=(2, 10), cpu="250m"),
)


def process(service: str, name: str) -> Process:
    """The table's row for one process (each entry point names its own)."""
    for row in PROCESSES:
        if (row.service, row.name) == (service, name):
            return row
    raise KeyError(f"{service}.{name} is not in deploy/processes.py")


def api(service: str) -> Process:
    """The process that serves a service's API (the gateway calls it)."""
    return process(service, "api")

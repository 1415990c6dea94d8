"""Every long-running process of the system, as deployments see them: one table feeds the
compose file and the Kubernetes manifests (``python -m deploy.generate`` rewrites both)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Process:
    service: str
    name: str
    port: int
    """Where /health/live, /health/ready and /metrics answer (and the API, for an api)."""
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
        return self.service if self.service == self.name else f"{self.service}-{self.name}"


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

DATABASES = {"opportunity": "opportunity", "notifications": "notifications", "reporting": "reporting"}

"""The whole system as real processes (the process table, deploy/processes.py), on free ports,
with databases, exchange and queues of its own, for end-to-end tests and benchmarks."""

from __future__ import annotations

import socket
import sys
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from deploy.processes import Process
from scripts._processes import ProcessGroup, base_env, discover
from tests.support.mailbox import Mailbox, running_mailbox
from tests.support.rabbit import remember_prefix

JWT_SECRET = "an-end-to-end-secret-that-is-long-enough"
INTERNAL_SECRET = "an-end-to-end-internal-secret-long-enough"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RunningSystem:
    gateway_url: str
    group: ProcessGroup
    ports: dict[str, int]
    envs: dict[str, dict[str, str]]
    mailbox: Mailbox
    """The SMTP server the notifications workers send e-mail to."""

    def start_another_gateway(self, **overrides: str) -> str:
        """One more gateway process on the same services (to compare settings in one run)."""
        port = free_port()
        env = {**self.envs["gateway.gateway"], **overrides, "PORT": str(port)}
        self.group.start(f"gateway.extra-{port}", [sys.executable, "-m", "gateway.entrypoints.app"], env)
        deadline = time.monotonic() + 60
        while not _ready(port):
            if time.monotonic() > deadline:
                raise RuntimeError("the extra gateway did not become ready")
            time.sleep(0.2)
        return f"http://127.0.0.1:{port}"

    def pid(self, label: str) -> int:
        return self.group.running[label].pid

    def start_again(self, label: str) -> None:
        """Start a process that was stopped or killed, with the settings it had, as a supervisor
        would; its log goes on in the same file."""
        spec = next(s for s in discover() if s.label == label)
        self.group.start_module(spec, env=self.envs[label])

    def ready(self, label: str) -> bool:
        """Whether the process answers 200 on ``/health/ready``."""
        return _ready(self.ports[label])


def _ready(port: int) -> bool:
    try:
        response = httpx.get(f"http://127.0.0.1:{port}/health/ready", timeout=2)
    except httpx.HTTPError:
        return False
    # A gateway is ready without its live feed; the tests that subscribe need the feed bound too.
    return response.status_code == 200 and bool(response.json().get("details", {}).get("liveFeed", True))


@contextmanager
def running_processes(
    mongodb_url: str,
    amqp_url: str,
    log_dir: Path,
    *,
    every_process: Mapping[str, str] | None = None,
    service_env: Mapping[str, Mapping[str, str]] | None = None,
    **gateway_env: str,
) -> Iterator[RunningSystem]:
    """``every_process``: more environment for all the processes; ``service_env``: settings per
    service (``{"notifications": {"LEASE_SECONDS": "5"}}``); ``gateway_env``: for the gateway."""
    with running_mailbox(free_port()) as mailbox:
        yield from _running_processes(
            mongodb_url, amqp_url, log_dir, mailbox, gateway_env, every_process or {}, service_env or {}
        )


def _running_processes(
    mongodb_url: str,
    amqp_url: str,
    log_dir: Path,
    mailbox: Mailbox,
    gateway_env: dict[str, str],
    every_process: Mapping[str, str],
    service_env: Mapping[str, Mapping[str, str]],
) -> Iterator[RunningSystem]:
    token = uuid.uuid4().hex[:10]
    remember_prefix(f"e2e.{token}.")
    specs: list[Process] = discover()
    ports = {f"{s.service}.{s.name}": free_port() for s in specs}
    common = {
        "MONGODB_URL": mongodb_url, "AMQP_URL": amqp_url, "EXCHANGE": f"e2e.{token}.events",
        "QUEUE_PREFIX": f"e2e.{token}.", "INTERNAL_SECRET": INTERNAL_SECRET, "LOG_LEVEL": "WARNING",
        "JWT_SECRET": JWT_SECRET, "OPPORTUNITY_DATABASE": f"e2e_{token}_opportunity", **every_process,
    }  # fmt: skip
    per_service = {
        "notifications": {
            "DATABASE": f"e2e_{token}_notifications", "DELIVERY_QUEUE": f"e2e.{token}.notifications.deliveries",
            "SCHEDULER_INTERVAL_SECONDS": "0.5", "ASSIGNMENT_DIGEST_SECONDS": "0.5",
            "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(mailbox.port),
        },
        "reporting": {"DATABASE": f"e2e_{token}_reporting"},
        "gateway": {
            "OPPORTUNITY_URL": f"http://127.0.0.1:{ports['opportunity.api']}/graphql",
            "NOTIFICATIONS_URL": f"http://127.0.0.1:{ports['notifications.api']}/graphql",
            "REPORTING_URL": f"http://127.0.0.1:{ports['reporting.api']}/graphql",
            "SERVICE_TIMEOUT_SECONDS": "60",  # the test machine is shared and slow at times
            **gateway_env,
        },
    }  # fmt: skip
    group = ProcessGroup(log_dir=log_dir, env=base_env())
    envs: dict[str, dict[str, str]] = {}
    try:
        for spec in specs:
            env = {
                **base_env(), **common, **per_service.get(spec.service, {}), **service_env.get(spec.service, {}),
                "PORT": str(ports[spec.label]),
            }  # fmt: skip
            envs[spec.label] = env
            group.start_module(spec, env=env)
        deadline = time.monotonic() + 120
        pending = dict(ports)
        while pending and time.monotonic() < deadline:
            if died := group.exited():
                raise RuntimeError(f"processes exited while starting: {died}; logs in {log_dir}")
            for label, port in list(pending.items()):
                if _ready(port):
                    del pending[label]
            time.sleep(0.2)
        if pending:
            raise RuntimeError(f"not ready: {sorted(pending)}; logs in {log_dir}")
        yield RunningSystem(
            gateway_url=f"http://127.0.0.1:{ports['gateway.gateway']}", group=group, ports=ports, envs=envs,
            mailbox=mailbox,
        )  # fmt: skip
    finally:
        group.stop()

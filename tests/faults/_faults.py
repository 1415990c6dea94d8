"""The faults themselves, done to real processes: kill -9 (then start again, as a supervisor
would), the broker closing their connections, the broker stopped and started, the database
process restarted on the same storage.

The broker is shared with everything else on the machine: only the connections of the processes
under test are closed (found by their client ports), and stopping the broker is opt-in."""

from __future__ import annotations

import os
import signal
from urllib.parse import urlsplit

import psutil

from tests.e2e._system import RunningSystem
from tests.support.rabbit import _rabbitmqctl

BROKER_RESTART_OPT_IN = "FAULTS_BROKER_RESTART"


def broker_restart_allowed() -> bool:
    return os.environ.get(BROKER_RESTART_OPT_IN, "") in {"1", "true", "yes"}


def kill_hard(system: RunningSystem, label: str) -> None:
    """SIGKILL: no clean-up, no acks, no lease released; the process is simply gone."""
    process = system.group.running.pop(label)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


async def close_broker_connections(system: RunningSystem, amqp_url: str) -> int:
    """Have the broker close every AMQP connection of the system's processes (and no one
    else's); how many it closed."""
    broker_port = urlsplit(amqp_url).port or 5672
    ours: set[int] = set()
    for process in system.group.running.values():
        try:
            sockets = psutil.Process(process.pid).net_connections(kind="tcp")
        except psutil.NoSuchProcess:
            continue
        ours.update(s.laddr.port for s in sockets if s.raddr and s.raddr.port == broker_port)
    listing = await _rabbitmqctl("list_connections", "-q", "--no-table-headers", "pid", "peer_port")
    closing = [
        pid for pid, _, port in (line.partition("\t") for line in listing.splitlines()) if port.strip().isdigit()
        and int(port) in ours
    ]  # fmt: skip
    for pid in closing:
        await _rabbitmqctl("close_connection", pid, "closed by the fault suite")
    return len(closing)


async def stop_broker() -> None:
    """Stop the broker's application (the node stays up to be started again)."""
    await _rabbitmqctl("stop_app")


async def start_broker() -> None:
    await _rabbitmqctl("start_app")
    await _rabbitmqctl("await_startup")

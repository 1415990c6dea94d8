"""Every process started while MongoDB or RabbitMQ is down stays up, serves its probes saying
not-ready, and becomes ready once the dependency comes: started with ``python -m`` as in
production, probed over HTTP."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.conftest import Names, free_port, secantus_server
from tests.support.tcp_proxy import proxy_to
from tests.support.waiting import wait_until

SECRET = "process-test-secret-of-at-least-32-bytes"


@dataclass(frozen=True)
class Started:
    label: str
    proc: subprocess.Popen[bytes]
    port: int
    log: Path

    def tail(self) -> str:
        return f"--- {self.label} (exit {self.proc.poll()}):\n" + self.log.read_text()[-3000:]


def _processes(names: Names) -> dict[str, tuple[str, dict[str, str]]]:
    """label → (module, its own environment: port and database), one per process kind."""
    return {
        "opportunity.api": ("services.opportunity.entrypoints.api",
                            {"OPPORTUNITY_DATABASE": names.db("opportunity"), "PORT": "{port}"}),
        "opportunity.relay": ("services.opportunity.entrypoints.relay",
                              {"OPPORTUNITY_DATABASE": names.db("opportunity"),
                               "PORT": "{port}"}),
        "notifications.api": ("services.notifications.entrypoints.api",
                              {"DATABASE": names.db("notifications"), "PORT": "{port}"}),
        "notifications.consumer": ("services.notifications.entrypoints.consumer",
                                   {"DATABASE": names.db("notifications"), "PORT": "{port}"}),
        "notifications.scheduler": ("services.notifications.entrypoints.scheduler",
                                    {"DATABASE": names.db("notifications"), "PORT": "{port}",
                                     "SCHEDULER_INTERVAL_SECONDS": "0.2"}),
        "notifications.worker": ("services.notifications.entrypoints.worker",
                                 {"DATABASE": names.db("notifications"), "PORT": "{port}",
                                  "WORKER_THREADS": "1"}),
        "reporting.api": ("services.reporting.entrypoints.api",
                          {"DATABASE": names.db("reporting"), "PORT": "{port}"}),
        "reporting.consumer": ("services.reporting.entrypoints.consumer",
                               {"DATABASE": names.db("reporting"), "PORT": "{port}"}),
        "gateway": ("gateway.entrypoints.app", {"PORT": "{port}"}),
    }  # fmt: skip


@contextlib.contextmanager
def started(labels: list[str], names: Names, *, mongodb_url: str, amqp_url: str) -> Iterator[list[Started]]:
    logs = Path(tempfile.mkdtemp(prefix="pipewise-come-back-"))
    common = {
        **os.environ, "MONGODB_URL": mongodb_url, "AMQP_URL": amqp_url, "EXCHANGE": names.exchange,
        "QUEUE_PREFIX": names.queue_prefix, "INTERNAL_SECRET": SECRET, "LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",
    }  # fmt: skip
    running: list[Started] = []
    try:
        for label in labels:
            module, own = _processes(names)[label]
            port = free_port()
            env = {**common, **{k: v.format(port=port) for k, v in own.items()}}
            log = logs / f"{label}.log"
            with log.open("wb") as out:
                proc = subprocess.Popen(
                    [sys.executable, "-m", module], env=env, stdout=out, stderr=subprocess.STDOUT
                )
            running.append(Started(label, proc, port, log))
        yield running
    except BaseException:
        print("\n".join(s.tail() for s in running))
        raise
    finally:
        for s in running:
            if s.proc.poll() is None:
                s.proc.send_signal(signal.SIGTERM)
        for s in running:
            try:
                s.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                s.proc.kill()
                s.proc.wait()


async def readiness(s: Started) -> tuple[int, dict[str, object]] | None:
    """The status and body of the process's /health/ready, or None while it does not answer."""
    try:
        async with httpx.AsyncClient() as http:
            response = await http.get(f"http://127.0.0.1:{s.port}/health/ready", timeout=3)
    except httpx.HTTPError:
        return None
    return response.status_code, response.json()


async def all_answer(processes: list[Started], status: int) -> bool:
    for s in processes:
        assert s.proc.poll() is None, f"{s.label} exited"
        answer = await readiness(s)
        if answer is None or answer[0] != status:
            return False
    return True


MONGODB_USERS = [
    "opportunity.api", "opportunity.relay", "notifications.api", "notifications.consumer",
    "notifications.scheduler", "reporting.api", "reporting.consumer",
]  # fmt: skip
BROKER_USERS = ["opportunity.relay", "notifications.consumer", "notifications.worker", "reporting.consumer"]


async def test_processes_started_before_mongodb_wait_for_it_not_ready_then_become_ready(
    names: Names, amqp_url: str
) -> None:
    port = free_port()  # nothing listens here yet
    url = f"mongodb://127.0.0.1:{port}/?directConnection=true"
    with started(MONGODB_USERS, names, mongodb_url=url, amqp_url=amqp_url) as processes:
        await wait_until(lambda: all_answer(processes, 503), timeout=60, interval=0.5)
        with secantus_server(port):
            await wait_until(lambda: all_answer(processes, 200), timeout=90, interval=0.5)


async def test_processes_started_before_the_broker_wait_for_it_not_ready_then_become_ready(
    names: Names, mongodb_url: str, amqp_url: str
) -> None:
    async with proxy_to(amqp_url, default_port=5672, opened=False) as broker:
        labels = [*BROKER_USERS, "gateway"]
        with started(labels, names, mongodb_url=mongodb_url, amqp_url=broker.url_for(amqp_url)) as processes:
            users, gateway = processes[:-1], processes[-1]
            await wait_until(lambda: all_answer(users, 503), timeout=60, interval=0.5)
            # The gateway serves requests without the broker; only its live feed waits.
            await wait_until(lambda: all_answer([gateway], 200), timeout=60, interval=0.5)
            answer = await readiness(gateway)
            assert answer is not None
            assert answer[1]["details"] == {"liveFeed": False}

            await broker.open()
            await wait_until(lambda: all_answer(users, 200), timeout=60, interval=0.5)

            async def feed_up() -> bool:
                answer = await readiness(gateway)
                return answer is not None and answer[1]["details"] == {"liveFeed": True}

            await wait_until(feed_up, timeout=30, interval=0.5)

            # And a broker that goes away again is reported again (the worker included).
            await broker.close()
            await wait_until(lambda: all_answer(users, 503), timeout=30, interval=0.5)

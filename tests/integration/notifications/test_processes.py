"""The four processes as they run in production: started with ``python -m``, probed over
HTTP, and carrying an alert from an event on the bus to the inbox and the mail server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import aio_pika
import httpx
import pytest

from deploy.processes import PROCESSES as TABLE
from servicekit.bus import declare_exchange, encode
from servicekit.identity import IDENTITY_HEADER, Identity, sign_identity
from tests.conftest import Names, free_port
from tests.integration.notifications.conftest import wait_until
from tests.integration.notifications.factories import opportunity_event, snapshot, user_event
from tests.support.mailbox import Mailbox

PROCESSES = {p.name: p.module for p in TABLE if p.service == "notifications"}
SECRET = "process-test-secret-of-at-least-32-bytes"


@pytest.fixture
def ports() -> dict[str, int]:
    return {name: free_port() for name in PROCESSES}


@pytest.fixture
def processes(
    names: Names,
    mongodb_url: str,
    amqp_url: str,
    mailbox: Mailbox,
    ports: dict[str, int],
    cleanup_queues: None,  # set up first, so the queues are deleted only once the processes stopped
) -> Iterator[dict[str, subprocess.Popen[bytes]]]:
    env = {
        **os.environ,
        "MONGODB_URL": mongodb_url, "AMQP_URL": amqp_url, "DATABASE": names.db("notifications"),
        "EXCHANGE": names.exchange, "QUEUE_PREFIX": names.queue_prefix, "INTERNAL_SECRET": SECRET,
        "SMTP_PORT": str(mailbox.port),
        "SCHEDULER_INTERVAL_SECONDS": "0.2", "WORKER_THREADS": "2", "LOG_LEVEL": "WARNING",
    }  # fmt: skip
    started = {
        name: subprocess.Popen(
            [sys.executable, "-m", module], env={**env, "PORT": str(ports[name])}, stderr=subprocess.DEVNULL
        )
        for name, module in PROCESSES.items()
    }
    yield started
    for proc in started.values():
        proc.send_signal(signal.SIGTERM)
    for proc in started.values():
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
async def cleanup_queues(names: Names, amqp_url: str) -> AsyncIterator[None]:
    yield
    connection = await aio_pika.connect(amqp_url)
    channel = await connection.channel()
    for queue in ("notifications.events", "notifications.events.dlq", "notifications.deliveries",
                  "notifications.deliveries.DQ", "notifications.deliveries.XQ"):  # fmt: skip
        await channel.queue_delete(names.queue_prefix + queue)
    await channel.exchange_delete(names.exchange)
    await connection.close()


async def _ready(port: int) -> bool:
    try:
        async with httpx.AsyncClient() as client:
            return (await client.get(f"http://127.0.0.1:{port}/health/ready", timeout=1)).status_code == 200
    except httpx.HTTPError:
        return False


async def test_the_processes_start_report_ready_and_deliver_an_alert(
    processes: dict[str, subprocess.Popen[bytes]],
    ports: dict[str, int],
    names: Names,
    amqp_url: str,
    mailbox: Mailbox,
) -> None:
    for name, port in ports.items():
        await wait_until(lambda port=port: _ready(port), timeout=40)  # type: ignore[misc]
        assert processes[name].poll() is None

    # Closing in three days: inside the 7-day window, so the alert is due at once.
    close = (datetime.now(UTC) + timedelta(days=3)).date()
    connection = await aio_pika.connect(amqp_url)
    channel = await connection.channel(publisher_confirms=True)
    exchange = await declare_exchange(channel, names.exchange)
    for event in (user_event("rep-1", email="rep1@example.com"),
                  opportunity_event("opportunity.created", snapshot("opp-live", version=1, close=close))):  # fmt: skip
        await exchange.publish(aio_pika.Message(encode(event), delivery_mode=2), routing_key=event.type)
    await connection.close()

    headers = {IDENTITY_HEADER: sign_identity(Identity("rep-1", "REP"), SECRET)}
    query = {"query": "{ unreadCount notifications { items { subject late } } }"}

    async def in_inbox() -> bool:
        async with httpx.AsyncClient() as client:
            response = await client.post(
                f"http://127.0.0.1:{ports['api']}/graphql", json=query, headers=headers
            )
        return response.json()["data"]["unreadCount"] == 1

    await wait_until(in_inbox, timeout=40)
    await wait_until(lambda: bool(mailbox.to("rep1@example.com")), timeout=20)
    assert mailbox.to("rep1@example.com")[0]["Subject"] == "Closing in 3 days: Deal opp-live"
    async with httpx.AsyncClient() as client:
        metrics = (await client.get(f"http://127.0.0.1:{ports['worker']}/metrics")).text
    assert 'notification_deliveries_total{channel="EMAIL",outcome="delivered"} 1.0' in metrics

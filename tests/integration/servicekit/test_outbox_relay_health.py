"""What the relay tells an operator: its readiness follows its broker connection even while it
has nothing to publish, and /metrics shows a backlog as it builds up."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator

import httpx
import pytest
from pymongo import AsyncMongoClient

from servicekit.mongo import Document, ensure_indexes, in_transaction
from servicekit.outbox import OUTBOX_INDEXES, OutboxRelay
from servicekit.probes import mongo_ping, run_with_probes
from tests.conftest import Names, free_port
from tests.support.events import rename_source
from tests.support.tcp_proxy import TcpProxy, proxy_to
from tests.support.waiting import wait_until


@pytest.fixture
async def broker_proxy(amqp_url: str) -> AsyncIterator[TcpProxy]:
    async with proxy_to(amqp_url, default_port=5672, opened=False) as proxy:
        yield proxy


class RunningRelay:
    def __init__(self, relay: OutboxRelay, port: int) -> None:
        self.relay = relay
        self.port = port

    async def get(self, path: str) -> httpx.Response:
        async with httpx.AsyncClient() as http:
            return await http.get(f"http://127.0.0.1:{self.port}{path}", timeout=5)

    async def ready(self) -> bool:
        return (await self.get("/health/ready")).status_code == 200

    async def gauge(self, name: str) -> float:
        text = (await self.get("/metrics")).text
        found = re.search(rf'^{name}{{relay="{self.relay_name}"}} (\S+)$', text, re.MULTILINE)
        return float(found.group(1)) if found else -1.0

    @property
    def relay_name(self) -> str:
        return self.relay._name


@pytest.fixture
async def running_relay(
    mongo_client: AsyncMongoClient[Document], names: Names, broker_proxy: TcpProxy, amqp_url: str
) -> AsyncIterator[RunningRelay]:
    db = mongo_client[names.db("outbox")]
    await ensure_indexes(db, OUTBOX_INDEXES)
    relay = OutboxRelay(
        db, amqp_url=broker_proxy.url_for(amqp_url), exchange=names.exchange,
        name=f"relay-{names.token}", backlog_every_seconds=0.1,
    )  # fmt: skip

    async def broker() -> bool:
        return relay.connected

    port = free_port()
    stop = asyncio.Event()
    checks = {"mongodb": mongo_ping(mongo_client), "broker": broker}
    task = asyncio.create_task(
        run_with_probes(relay.run, host="127.0.0.1", port=port, checks=checks, stop=stop)
    )
    running = RunningRelay(relay, port)
    await wait_until(lambda: _answers(running), timeout=20)
    yield running
    stop.set()
    await asyncio.wait_for(task, 30)


async def _answers(running: RunningRelay) -> bool:
    try:
        await running.get("/health/live")
        return True
    except httpx.HTTPError:
        return False


async def mutate(client: AsyncMongoClient[Document], db_name: str, source_id: str) -> int:
    db = client[db_name]
    return await in_transaction(client, lambda session: rename_source(db, session, source_id))


async def test_an_idle_relay_reports_not_ready_as_soon_as_its_broker_connection_is_cut(
    running_relay: RunningRelay, broker_proxy: TcpProxy
) -> None:
    await broker_proxy.open()
    await wait_until(running_relay.ready, timeout=20)

    # The relay has nothing to publish when its connection is cut.
    await broker_proxy.close()
    await wait_until(lambda: _not(running_relay.ready), timeout=5)
    # Only the broker is named (a loaded machine may miss one database ping, hence the wait).
    await wait_until(lambda: _checks_are(running_relay, {"mongodb": True, "broker": False}), timeout=10)

    # And it comes back on its own when the broker can be reached again.
    await broker_proxy.open()
    await wait_until(running_relay.ready, timeout=20)


async def _checks_are(running: RunningRelay, expected: dict[str, bool]) -> bool:
    body = (await running.get("/health/ready")).json()
    return bool(body["checks"] == expected)


async def _not(check: object) -> bool:
    return not await check()  # type: ignore[operator]


async def test_metrics_show_the_backlog_growing_while_the_relay_cannot_publish(
    running_relay: RunningRelay,
    broker_proxy: TcpProxy,
    mongo_client: AsyncMongoClient[Document],
    names: Names,
) -> None:
    # Given a relay that cannot reach the broker
    assert not await running_relay.ready()
    # When events pile up in its outbox
    for i in range(5):
        await mutate(mongo_client, names.db("outbox"), f"src-{i}")
    await wait_until(lambda: _gauge_is(running_relay, "outbox_unpublished_events", 5), timeout=10)
    first_age = await running_relay.gauge("outbox_oldest_unpublished_age_seconds")
    for i in range(3):
        await mutate(mongo_client, names.db("outbox"), f"src-{i}")

    # Then /metrics shows how many wait and for how long, growing
    await wait_until(lambda: _gauge_is(running_relay, "outbox_unpublished_events", 8), timeout=10)

    async def older() -> bool:
        return await running_relay.gauge("outbox_oldest_unpublished_age_seconds") > first_age + 0.5

    await wait_until(older, timeout=10)

    # And once the broker is back, the backlog drains to nothing
    await broker_proxy.open()
    await wait_until(lambda: _gauge_is(running_relay, "outbox_unpublished_events", 0), timeout=30)
    assert await running_relay.gauge("outbox_oldest_unpublished_age_seconds") == 0.0


async def _gauge_is(running: RunningRelay, name: str, value: float) -> bool:
    return await running.gauge(name) == value

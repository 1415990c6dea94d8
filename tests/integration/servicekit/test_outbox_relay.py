"""The outbox relay delivers every committed event, in order per subject, through broker outages."""

from __future__ import annotations

import asyncio
import json
import time
from collections import defaultdict
from collections.abc import AsyncIterator
from typing import Any

import aio_pika
import pytest
from aio_pika.abc import AbstractIncomingMessage
from pymongo import AsyncMongoClient

from contracts.envelope import CONTENT_TYPE
from servicekit.bus import declare_exchange
from servicekit.mongo import Document, ensure_indexes, in_transaction
from servicekit.outbox import CHECKPOINTS, OUTBOX, OUTBOX_INDEXES, OutboxRelay, add_events
from tests.conftest import Names
from tests.support.events import rename_source, source_renamed
from tests.support.rabbit import Collector, close_connections_named, collect
from tests.support.waiting import wait_until


def first_deliveries(received: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    firsts = []
    for event in received:
        if event["id"] not in seen:
            seen.add(event["id"])
            firsts.append(event)
    return firsts


def sequences_by_subject(events: list[dict[str, Any]]) -> dict[str, list[int]]:
    by_subject: dict[str, list[int]] = defaultdict(list)
    for event in events:
        by_subject[event["subject"]].append(event["sequence"])
    return by_subject


async def mutate(client: AsyncMongoClient[Document], db_name: str, source_id: str) -> int:
    db = client[db_name]
    return await in_transaction(client, lambda session: rename_source(db, session, source_id))


@pytest.fixture
async def collector(amqp_url: str, names: Names) -> AsyncIterator[Collector]:
    c = await collect(amqp_url, names.exchange, f"{names.queue_prefix}collector", ["source.#"])
    yield c
    await c.close()


async def start_relay(relay: OutboxRelay) -> tuple[asyncio.Event, asyncio.Task[None]]:
    stop = asyncio.Event()
    return stop, asyncio.create_task(relay.run(stop))


async def relay_has_checkpoint(client: AsyncMongoClient[Document], db_name: str) -> bool:
    return await client[db_name][CHECKPOINTS].count_documents({"token": {"$exists": True}}) > 0


async def test_events_written_while_the_relay_is_stopped_are_all_delivered_in_order(
    mongo_client: AsyncMongoClient[Document], amqp_url: str, names: Names, collector: Collector
) -> None:
    db_name = names.db("outbox")
    await ensure_indexes(mongo_client[db_name], OUTBOX_INDEXES)
    relay = OutboxRelay(mongo_client[db_name], amqp_url=amqp_url, exchange=names.exchange, batch_size=64)
    # Given a relay that ran once (it keeps a checkpoint) and was then stopped
    stop, task = await start_relay(relay)
    await wait_until(lambda: relay_has_checkpoint(mongo_client, db_name), timeout=10)
    stop.set()
    await task
    # and 200 mutations over 10 subjects made while it was down
    for round_ in range(20):
        for n in range(10):
            assert await mutate(mongo_client, db_name, f"src-{n}") == round_ + 1

    # When the relay starts again
    stop, task = await start_relay(relay)
    try:
        await collector.wait_for(lambda got: len(got) >= 200, timeout=30)
    finally:
        stop.set()
        await task
    await collector.drain()  # a duplicate, were one published, is received by now

    # Then 200 events arrive, each once, and every subject's events in sequence order
    assert len(collector.received) == 200
    assert len({e["id"] for e in collector.received}) == 200
    assert all(seqs == list(range(1, 21)) for seqs in sequences_by_subject(collector.received).values())
    assert await mongo_client[db_name][OUTBOX].count_documents({}) == 200


async def test_a_relay_starting_without_a_checkpoint_publishes_what_the_outbox_holds(
    mongo_client: AsyncMongoClient[Document], amqp_url: str, names: Names, collector: Collector
) -> None:
    db_name = names.db("outbox")
    await ensure_indexes(mongo_client[db_name], OUTBOX_INDEXES)
    for _ in range(5):
        for n in range(4):
            await mutate(mongo_client, db_name, f"src-{n}")

    stop, task = await start_relay(
        OutboxRelay(mongo_client[db_name], amqp_url=amqp_url, exchange=names.exchange, batch_size=7)
    )
    try:
        await collector.wait_for(lambda got: len(got) >= 20, timeout=30)
        await mutate(mongo_client, db_name, "src-0")  # and what comes after, from the stream
        await collector.wait_for(lambda got: len(got) >= 21, timeout=30)
    finally:
        stop.set()
        await task

    assert len(collector.received) == 21
    assert len({e["id"] for e in collector.received}) == 21
    by_subject = sequences_by_subject(collector.received)
    assert by_subject["src-0"] == [1, 2, 3, 4, 5, 6]
    assert all(by_subject[f"src-{n}"] == [1, 2, 3, 4, 5] for n in range(1, 4))


async def test_no_event_is_lost_when_the_broker_drops_the_relay_connection_mid_stream(
    mongo_client: AsyncMongoClient[Document], amqp_url: str, names: Names, collector: Collector
) -> None:
    db_name = names.db("outbox")
    await ensure_indexes(mongo_client[db_name], OUTBOX_INDEXES)
    relay_name = f"relay-{names.token}"
    relay = OutboxRelay(
        mongo_client[db_name], amqp_url=amqp_url, exchange=names.exchange, batch_size=50, name=relay_name
    )
    stop, task = await start_relay(relay)
    subjects = [f"src-{n}" for n in range(8)]
    total = 400
    try:
        for i in range(total):
            await mutate(mongo_client, db_name, subjects[i % len(subjects)])
            if i in (100, 220, 330):  # cut the relay off three times while it publishes
                await wait_until(lambda: relay.connected, timeout=10)
                assert await close_connections_named(relay_name) >= 1
        await collector.wait_for(lambda got: len({e["id"] for e in got}) >= total, timeout=60)
    finally:
        stop.set()
        await task

    firsts = first_deliveries(collector.received)
    assert len(firsts) == total
    expected = total // len(subjects)
    assert all(seqs == list(range(1, expected + 1)) for seqs in sequences_by_subject(firsts).values())


async def test_two_relays_at_once_publish_each_event_once(
    mongo_client: AsyncMongoClient[Document], amqp_url: str, names: Names, collector: Collector
) -> None:
    db_name = names.db("outbox")
    await ensure_indexes(mongo_client[db_name], OUTBOX_INDEXES)
    relays = [
        OutboxRelay(
            mongo_client[db_name], amqp_url=amqp_url, exchange=names.exchange, name=f"r-{names.token}"
        )
        for _ in range(2)
    ]
    started = [await start_relay(r) for r in relays]
    try:
        for i in range(100):
            await mutate(mongo_client, db_name, f"src-{i % 5}")
        await collector.wait_for(lambda got: len(got) >= 100, timeout=30)
    finally:
        for stop, task in started:
            stop.set()
            await task
    await collector.drain()  # a duplicate, were one published, is received by now

    assert len(collector.received) == 100
    assert len({e["id"] for e in collector.received}) == 100


async def test_a_quiet_relay_publishes_each_new_event_at_once_not_at_the_end_of_its_look(
    mongo_client: AsyncMongoClient[Document], amqp_url: str, names: Names, collector: Collector
) -> None:
    db_name = names.db("outbox")
    await ensure_indexes(mongo_client[db_name], OUTBOX_INDEXES)
    # A relay whose every look at the stream may wait 4 s for something new
    look_ms = 4000
    stop, task = await start_relay(
        OutboxRelay(mongo_client[db_name], amqp_url=amqp_url, exchange=names.exchange, idle_wait_ms=look_ms)
    )
    waited: list[float] = []
    try:
        await wait_until(lambda: relay_has_checkpoint(mongo_client, db_name), timeout=30)
        # When events are written one at a time, each after the last one arrived
        for n in range(1, 4):
            await mutate(mongo_client, db_name, "src-1")
            written = time.perf_counter()
            await collector.wait_for(lambda got: len(got) >= n, timeout=30)  # noqa: B023 (awaited here)
            waited.append(time.perf_counter() - written)
    finally:
        stop.set()
        await task
    # Then each is published as soon as the stream shows it, not when the look ends
    assert max(waited) < look_ms / 1000 / 2, waited
    assert [e["sequence"] for e in collector.received] == [1, 2, 3]


async def test_a_quiet_relay_saves_its_resume_point_now_and_then_not_on_every_look(
    mongo_client: AsyncMongoClient[Document], amqp_url: str, names: Names
) -> None:
    db = mongo_client[names.db("outbox")]
    await ensure_indexes(db, OUTBOX_INDEXES)
    stop, task = await start_relay(
        OutboxRelay(db, amqp_url=amqp_url, exchange=names.exchange, idle_wait_ms=20)
    )
    try:
        await wait_until(lambda: relay_has_checkpoint(mongo_client, db.name), timeout=30)
        first = await db[CHECKPOINTS].find_one()
        for i in range(20):  # other writes move the database's change history on meanwhile
            await db["elsewhere"].insert_one({"n": i})
            await asyncio.sleep(0.05)
        later = await db[CHECKPOINTS].find_one()
    finally:
        stop.set()
        await task
    assert first is not None and later is not None
    assert later["saved_at"] == first["saved_at"], "the idle relay rewrote its checkpoint within a second"


async def test_a_relayed_message_carries_the_event_s_id_type_and_correlation_and_is_persistent(
    mongo_client: AsyncMongoClient[Document], amqp_url: str, names: Names
) -> None:
    db = mongo_client[names.db("outbox")]
    await ensure_indexes(db, OUTBOX_INDEXES)
    event = source_renamed("src-1", 1).model_copy(update={"correlationid": "req-7"})
    await in_transaction(mongo_client, lambda session: add_events(db, session, [event]))
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel()
        queue = await channel.declare_queue(f"{names.queue_prefix}props", auto_delete=True)
        await queue.bind(await declare_exchange(channel, names.exchange), routing_key="source.#")
        stop, task = await start_relay(OutboxRelay(db, amqp_url=amqp_url, exchange=names.exchange))
        try:
            got: list[AbstractIncomingMessage] = []

            async def arrived() -> bool:
                message = await queue.get(no_ack=True, fail=False)
                got.extend([message] if message else [])
                return bool(got)

            await wait_until(arrived, timeout=30)
        finally:
            stop.set()
            await task
    finally:
        await connection.close()

    [message] = got
    assert json.loads(message.body) == event.model_dump(mode="json")
    assert (message.message_id, message.type, message.content_type) == (
        event.id,
        "source.updated",
        CONTENT_TYPE,
    )
    assert message.routing_key == "source.updated"
    assert message.delivery_mode == aio_pika.DeliveryMode.PERSISTENT
    assert message.headers == {"x-correlation-id": "req-7"}

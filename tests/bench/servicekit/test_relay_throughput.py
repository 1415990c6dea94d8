"""Outbox relay throughput against raw aio-pika publishing with pipelined confirms, same run."""

from __future__ import annotations

import asyncio
import time

import aio_pika
import pytest
from pymongo import AsyncMongoClient

from servicekit.bus import declare_exchange, to_message
from servicekit.mongo import Document, ensure_indexes
from servicekit.outbox import CHECKPOINTS, OUTBOX, OUTBOX_INDEXES, OutboxRelay, outbox_row
from tests.bench.report import report
from tests.conftest import Names
from tests.support.events import source_renamed
from tests.support.waiting import wait_until

EVENTS = 5000
BATCH = 500


@pytest.mark.bench
async def test_relay_throughput_against_raw_pipelined_publishing(
    mongo_client: AsyncMongoClient[Document], amqp_url: str, names: Names
) -> None:
    events = [source_renamed(f"src-{i % 100}", i // 100 + 1) for i in range(EVENTS)]
    envelopes = [e.model_dump(mode="json") for e in events]
    connection = await aio_pika.connect(amqp_url)
    channel = await connection.channel(publisher_confirms=True)
    exchange = await declare_exchange(channel, names.exchange)
    sink = await channel.declare_queue(f"{names.queue_prefix}sink", auto_delete=True)
    await sink.bind(exchange, routing_key="#")

    async def raw_publish() -> float:
        """The same messages, published in batches whose confirms are awaited together."""
        started = time.perf_counter()
        for i in range(0, EVENTS, BATCH):
            await asyncio.gather(
                *(
                    exchange.publish(to_message(env), routing_key=env["type"])
                    for env in envelopes[i : i + BATCH]
                )
            )
        seconds = time.perf_counter() - started
        await sink.purge()
        return seconds

    raw_before = await raw_publish()

    # Relay: the same events committed to the outbox while the relay was stopped; it resumes
    # from its checkpoint, publishes, confirms and checkpoints.
    db = mongo_client[names.db("relaybench")]
    await ensure_indexes(db, OUTBOX_INDEXES)
    relay = OutboxRelay(db, amqp_url=amqp_url, exchange=names.exchange, batch_size=BATCH)
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(stop))

    async def checkpointed() -> bool:
        return await db[CHECKPOINTS].count_documents({}) > 0

    await wait_until(checkpointed, timeout=30)
    stop.set()
    await task
    for i in range(0, EVENTS, BATCH):
        await db[OUTBOX].insert_many([outbox_row(e) for e in events[i : i + BATCH]])

    async def all_arrived() -> bool:
        declared = await channel.declare_queue(sink.name, passive=True)
        return (declared.declaration_result.message_count or 0) >= EVENTS

    stop = asyncio.Event()
    started = time.perf_counter()
    task = asyncio.create_task(relay.run(stop))
    await wait_until(all_arrived, timeout=300, interval=0.01)
    relay_seconds = time.perf_counter() - started
    stop.set()
    await task
    await sink.purge()
    raw_after = await raw_publish()
    await connection.close()
    raw_seconds = min(raw_before, raw_after)  # the faster raw run: the stricter baseline

    raw_rate, relay_rate = EVENTS / raw_seconds, EVENTS / relay_seconds
    report(
        f"Outbox relay vs raw aio-pika publishing ({EVENTS} events, batches of {BATCH})",
        [
            ("raw publish + confirm", f"{raw_rate:,.0f} events/s"),
            ("relay (stream, publish, confirm, checkpoint)", f"{relay_rate:,.0f} events/s"),
            ("ratio relay / raw", f"{relay_rate / raw_rate:.0%} (goal ≥ 70%)"),
        ],
    )
    assert await db[OUTBOX].count_documents({}) == EVENTS

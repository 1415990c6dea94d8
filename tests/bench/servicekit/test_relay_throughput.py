"""Outbox relay throughput against raw aio-pika publishing with pipelined confirms, same run.

Three rounds, each a raw publish of fresh events and then the relay publishing as many more from
the outbox, so both sides of a round see the same machine; the median round is the figure (one
round on a shared machine can be off by a factor of two either way).
"""

from __future__ import annotations

import asyncio
import statistics
import time

import aio_pika
import pytest
from aio_pika.abc import AbstractExchange, AbstractQueue
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.bus import declare_exchange, to_message
from servicekit.mongo import Document, ensure_indexes
from servicekit.outbox import CHECKPOINTS, OUTBOX, OUTBOX_INDEXES, OutboxRelay, outbox_row
from tests.bench.report import report
from tests.conftest import Names
from tests.support.events import source_renamed
from tests.support.waiting import wait_until

EVENTS = 20_000
BATCH = 500
ROUNDS = 3


async def _raw_seconds(exchange: AbstractExchange, sink: AbstractQueue, round_: int) -> float:
    """Fresh events published in batches whose confirms are awaited together."""
    envelopes = [
        source_renamed(f"raw-{round_}-{i % 100}", i // 100 + 1).model_dump(mode="json") for i in range(EVENTS)
    ]
    started = time.perf_counter()
    for i in range(0, EVENTS, BATCH):
        await asyncio.gather(
            *(exchange.publish(to_message(env), routing_key=env["type"]) for env in envelopes[i : i + BATCH])
        )
    seconds = time.perf_counter() - started
    await sink.purge()
    return seconds


async def _relay_seconds(
    db: AsyncDatabase[Document], relay: OutboxRelay, channel: aio_pika.abc.AbstractChannel, sink: AbstractQueue,
    round_: int,
) -> float:  # fmt: skip
    """Fresh events committed while the relay was stopped; it resumes from its checkpoint,
    publishes, confirms and checkpoints."""
    events = [source_renamed(f"relay-{round_}-{i % 100}", i // 100 + 1) for i in range(EVENTS)]
    for i in range(0, EVENTS, BATCH):
        await db[OUTBOX].insert_many([outbox_row(e) for e in events[i : i + BATCH]])

    async def all_arrived() -> bool:
        declared = await channel.declare_queue(sink.name, passive=True)
        return (declared.declaration_result.message_count or 0) >= EVENTS

    stop = asyncio.Event()
    started = time.perf_counter()
    task = asyncio.create_task(relay.run(stop))
    await wait_until(all_arrived, timeout=300, interval=0.01)
    seconds = time.perf_counter() - started
    stop.set()
    await task
    await sink.purge()
    return seconds


@pytest.mark.bench
async def test_relay_throughput_against_raw_pipelined_publishing(
    mongo_client: AsyncMongoClient[Document], amqp_url: str, names: Names
) -> None:
    connection = await aio_pika.connect(amqp_url)
    channel = await connection.channel(publisher_confirms=True)
    exchange = await declare_exchange(channel, names.exchange)
    sink = await channel.declare_queue(f"{names.queue_prefix}sink", auto_delete=True)
    await sink.bind(exchange, routing_key="#")

    db = mongo_client[names.db("relaybench")]
    await ensure_indexes(db, OUTBOX_INDEXES)
    relay = OutboxRelay(db, amqp_url=amqp_url, exchange=names.exchange, batch_size=BATCH)
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(stop))  # once, to leave a checkpoint to resume from

    async def checkpointed() -> bool:
        return await db[CHECKPOINTS].count_documents({}) > 0

    await wait_until(checkpointed, timeout=30)
    stop.set()
    await task

    rounds = []
    for round_ in range(ROUNDS):
        raw = EVENTS / await _raw_seconds(exchange, sink, round_)
        relayed = EVENTS / await _relay_seconds(db, relay, channel, sink, round_)
        rounds.append((raw, relayed))
    await connection.close()

    ratios = [relayed / raw for raw, relayed in rounds]
    median = statistics.median(ratios)
    raw_rate, relay_rate = rounds[ratios.index(median)]
    report(
        f"Outbox relay vs raw aio-pika publishing ({EVENTS} events a side, batches of {BATCH}, {ROUNDS} rounds)",
        [
            ("raw publish + confirm (median round)", f"{raw_rate:,.0f} events/s"),
            ("relay (stream, publish, confirm, checkpoint)", f"{relay_rate:,.0f} events/s"),
            ("ratio relay / raw, median round", f"{median:.0%} (goal ≥ 70%)"),
            ("each round", ", ".join(f"{r:.0%}" for r in ratios)),
        ],
    )
    assert await db[OUTBOX].count_documents({}) == EVENTS * ROUNDS

"""Event intake through the notifications consumer against the raw ceiling: the same messages
taken by a consumer on the same transport and settings that does nothing but acknowledge
(``make bench``; figures printed, never asserted).

A module of its own, so a server of its own: after the due-alert benchmark's 100,000 alerts the
same server applied the intake's writes more slowly (creations fell from 45 % to 35 % of raw in
back-to-back runs), while the raw consume, which writes nothing, did not change.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial

import aio_pika
import pytest
from pydantic import BaseModel

from contracts import data_model_for
from contracts.envelope import CloudEvent
from servicekit.bus import Consumer, declare_exchange, declare_queue, encode
from services.notifications import bootstrap
from services.notifications.adapters.clock import ManualClock
from services.notifications.adapters.documents import ALERTS, OPPORTUNITIES
from services.notifications.application.ports import Clock
from services.notifications.settings import NotificationSettings
from tests.conftest import Names
from tests.integration.notifications.factories import T0, opportunity_event, snapshot
from tests.support.histories import NOW, generate
from tests.support.rabbit import raw_ceiling_rate
from tests.support.waiting import Countdown, moment_before

pytestmark = pytest.mark.bench

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "9"))
"""Rounds per stream (``BENCH_ROUNDS`` for a quicker look; the README's figures use 9)."""


async def _intake_against_raw(
    storage: bootstrap.Storage,
    names: Names,
    amqp_url: str,
    label: str,
    events: list[CloudEvent],
    clock: Clock,
    *,
    live: bool = False,
) -> tuple[float, float]:
    """The raw ceiling's rate for these events, and the notifications consumer's intake rate
    of the same events, each from a queue that holds them all when it starts. ``live``: the
    clock reads each batch's latest event time, as if the events arrived when they happened."""
    routed = [
        e for e in events if e.type.split(".", 1)[0] in {b.split(".", 1)[0] for b in bootstrap.EVENT_BINDINGS}
    ]
    prefix = f"{names.queue_prefix}{label}."
    settings = NotificationSettings(
        mongodb_url="unused", amqp_url=amqp_url, exchange=names.exchange, queue_prefix=prefix
    )
    spec = bootstrap.event_queue(settings)
    raw_queue = replace(spec, name=f"{prefix}raw")  # the consumer's queue arguments and prefetch
    connection = await aio_pika.connect(amqp_url)
    channel = await connection.channel(publisher_confirms=True)
    for queue_spec in (raw_queue, spec):
        await declare_queue(channel, names.exchange, queue_spec)
    exchange = await declare_exchange(channel, names.exchange)
    await asyncio.gather(
        *(exchange.publish(aio_pika.Message(encode(e), delivery_mode=2), routing_key=e.type) for e in events)
    )

    # The raw ceiling: the same messages taken and acked as the consumer does, nothing else.
    raw_rate = await raw_ceiling_rate(amqp_url, names.exchange, raw_queue, len(routed), timeout=120)

    handler, events_handler = bootstrap.consumer_handler(storage, settings, clock)
    if live:
        assert isinstance(clock, ManualClock)
        handler = bootstrap.batching(partial(_at_event_time, clock, events_handler.apply), settings)
    countdown = Countdown(len(routed))
    consumer = Consumer(amqp_url, names.exchange, spec, countdown.counting(handler), name="bench")
    stop = asyncio.Event()
    task = asyncio.create_task(consumer.run(stop))
    # Timed from its subscription, as the raw consumer is from its ``consume`` call: connecting
    # to the broker and declaring the queues are not consuming.
    started = await moment_before(lambda: consumer.consuming, timeout=20)
    await asyncio.wait_for(countdown.finished.wait(), timeout=600)
    intake_rate = len(routed) / (time.perf_counter() - started)
    stop.set()
    await task
    await events_handler.close()  # re-planning it started in the background
    for name in (raw_queue.name, raw_queue.dead_letter_queue, spec.name, spec.dead_letter_queue):
        await channel.queue_delete(name)
    await connection.close()
    print(f"[intake] {label}: {len(routed):,} events; raw ceiling {raw_rate:,.0f} msg/s; "
          f"notifications consumer {intake_rate:,.0f} events/s = {intake_rate / raw_rate:.1%} of raw")  # fmt: skip
    return raw_rate, intake_rate


async def _rounds(
    storage: bootstrap.Storage,
    names: Names,
    amqp_url: str,
    label: str,
    events: list[CloudEvent],
    start: datetime,
    *,
    live: bool = False,
) -> None:
    """``ROUNDS`` rounds, each from an empty database (a machine shared with others makes any
    one round swing), then the median of their ratios."""
    ratios = []
    for r in range(ROUNDS):
        await storage.client.drop_database(storage.db.name)
        await bootstrap.prepare_indexes(storage.db)
        clock = ManualClock(start)
        raw, intake = await _intake_against_raw(
            storage, names, amqp_url, f"{label}-{r}", events, clock, live=live
        )
        ratios.append(intake / raw)
    print(f"[intake] {label}: median of {ROUNDS} rounds {statistics.median(ratios):.1%} of raw (goal >= 50%)")


async def _at_event_time(
    clock: ManualClock,
    apply: Callable[[Sequence[tuple[CloudEvent, BaseModel]]], Awaitable[None]],
    batch: Sequence[tuple[CloudEvent, BaseModel]],
) -> None:
    clock.set(max(event.time for event, _ in batch))
    await apply(batch)


@pytest.mark.usefixtures("consumer_heap")
async def test_event_intake_rate_against_the_raw_ceiling(
    storage: bootstrap.Storage, names: Names, amqp_url: str
) -> None:
    count = 1_000
    created = [
        opportunity_event(
            "opportunity.created", snapshot(f"opp-{i}", version=1, close=(T0 + timedelta(days=30)).date())
        )
        for i in range(count)
    ]
    print()
    # Every event a write of the copy and two alerts on the schedule: an import's burst.
    await _rounds(storage, names, amqp_url, "created", created, T0)
    # Seeded histories, as the reporting benchmark uses: creations, moves, wins, losses,
    # reopenings, new close dates and handovers of 600 opportunities, in time order.
    # Replayed at once (a consumer catching up ten months): every alert they plan is due now.
    histories = sorted(generate(600, seed=9), key=lambda e: (e.time, e.sequence))
    await _rounds(storage, names, amqp_url, "histories", histories, NOW)
    # The same, as they happened: most alerts are weeks ahead, and planned again before their time.
    await _rounds(storage, names, amqp_url, "histories-live", histories, histories[0].time, live=True)

    # Where the time goes: the same work applied straight to the database, batch by batch.
    settings = NotificationSettings(mongodb_url="unused")
    direct = [
        opportunity_event(
            "opportunity.created", snapshot(f"direct-{i}", version=1, close=(T0 + timedelta(days=30)).date())
        )
        for i in range(count)
    ]
    items = [(e, data_model_for(e.type).model_validate(e.data)) for e in direct]
    apply = bootstrap.event_handler(storage, settings, ManualClock(T0)).apply
    started = time.perf_counter()
    for start in range(0, count, settings.intake_batch_size):
        await apply(items[start : start + settings.intake_batch_size])
    direct_rate = count / (time.perf_counter() - started)
    print(
        f"[intake] {count:,} opportunity.created applied without the bus, {settings.intake_batch_size} per transaction: {direct_rate:,.0f} events/s"
    )
    # What the server is asked to write per event: each document costs, and so does each
    # secondary index of its collection (the server maintains them per document).
    written = []
    for collection in (OPPORTUNITIES, ALERTS):
        docs = await storage.db[collection].count_documents({"_id": {"$regex": "^direct-"}})
        indexes = [
            ix for ix in await (await storage.db[collection].list_indexes()).to_list() if ix["name"] != "_id_"
        ]
        partial = sum("partialFilterExpression" in ix for ix in indexes)
        written.append(
            f"{docs / count:.1f} {collection} ({len(indexes)} secondary indexes, {partial} partial)"
        )
    print(f"[intake] written per opportunity.created: {', '.join(written)}")

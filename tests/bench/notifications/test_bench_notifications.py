"""Benchmarks of the notifications service (``make bench``; figures printed, never asserted).

- finding due alerts with 1,000 and 100,000 scheduled: time, ratio, documents examined;
- event intake through the consumer against a raw aio-pika consume of the same messages;
- deliveries per second through dramatiq into the inbox, against raw inbox inserts.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import aio_pika
import dramatiq
import pytest
from pydantic import BaseModel

from contracts import data_model_for
from contracts.envelope import CloudEvent
from servicekit.batching import BatchingHandler
from servicekit.bus import Consumer, QueueSpec, declare_exchange, declare_queue, encode
from services.notifications import bootstrap
from services.notifications.adapters.clock import ManualClock
from services.notifications.adapters.documents import ALERTS, NOTIFICATIONS, OPPORTUNITIES, WHEEL
from services.notifications.adapters.mongo_schedule import MongoSchedule
from services.notifications.application.ports import Clock, DeliveryRequest
from services.notifications.settings import NotificationSettings
from tests.conftest import Names
from tests.integration.notifications.conftest import wait_until
from tests.integration.notifications.factories import T0, opportunity_event, snapshot
from tests.support.histories import NOW, generate
from tests.support.waiting import Countdown, moment_before

pytestmark = pytest.mark.bench

DUE_NOW = 50
REPEATS = 30
ROUNDS = 9


@pytest.fixture
async def storage(names: Names, mongodb_url: str) -> AsyncIterator[bootstrap.Storage]:
    settings = NotificationSettings(mongodb_url=mongodb_url, database=names.db("notifications"))
    storage = await bootstrap.open_storage(settings)
    yield storage
    await storage.client.drop_database(settings.database)
    await storage.close()


async def _schedule(storage: bootstrap.Storage, total: int) -> None:
    """``total`` pending alerts: DUE_NOW due already, the rest spread over the next year."""
    await storage.db[ALERTS].delete_many({})
    batch: list[dict[str, Any]] = []
    for i in range(total):
        due = T0 - timedelta(minutes=1) if i < DUE_NOW else T0 + timedelta(minutes=1 + i % 500_000)
        batch.append({
            "_id": f"opp-{i}:UPCOMING_CLOSE", "kind": "UPCOMING_CLOSE", "opportunity_id": f"opp-{i}",
            "anchor": "2026-03-20", "due_at": due, "state": "PENDING", "owner_id": "rep-1", "occurrence": 0,
            "opportunity_ids": [],
        })  # fmt: skip
        if len(batch) == 5_000:
            await storage.db[ALERTS].insert_many(batch, ordered=False)
            batch = []
    if batch:
        await storage.db[ALERTS].insert_many(batch, ordered=False)


async def _time_due_finding(storage: bootstrap.Storage) -> tuple[float, int, float]:
    schedule = MongoSchedule(storage.client, storage.db, storage.policies)
    found = await schedule.due(T0, 200)
    assert len(found) == DUE_NOW
    started = time.perf_counter()
    for _ in range(REPEATS):
        await schedule.due(T0, 200)
    per_call = (time.perf_counter() - started) / REPEATS
    explain = await storage.db.command(
        "explain",
        {"find": ALERTS, "filter": {"state": "PENDING", "due_at": {"$lte": T0}}, "limit": 200},
        verbosity="executionStats",
    )
    examined = int(explain.get("executionStats", {}).get("totalDocsExamined", -1))
    started = time.perf_counter()
    for i in range(REPEATS):
        await storage.db[ALERTS].find_one({"_id": f"opp-{i}:UPCOMING_CLOSE"})
    raw = (time.perf_counter() - started) / REPEATS
    return per_call, examined, raw


async def test_finding_due_alerts_does_not_grow_with_the_schedule(storage: bootstrap.Storage) -> None:
    figures = {}
    for total in (1_000, 100_000):
        await _schedule(storage, total)
        figures[total] = await _time_due_finding(storage)
    small, large = figures[1_000], figures[100_000]
    print()
    print(
        f"[due alerts] 1,000 scheduled:   {small[0] * 1000:.2f} ms per find ({small[1]} docs examined; raw _id find {small[2] * 1000:.2f} ms)"
    )
    print(
        f"[due alerts] 100,000 scheduled: {large[0] * 1000:.2f} ms per find ({large[1]} docs examined; raw _id find {large[2] * 1000:.2f} ms)"
    )
    print(f"[due alerts] ratio 100k/1k: {large[0] / small[0]:.2f}x (goal <= 2x); {DUE_NOW} due each time")


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
    """The raw aio-pika consume rate of these events, and the notifications consumer's intake rate
    of the same events, each from a queue that holds them all when it starts. ``live``: the
    clock reads each batch's latest event time, as if the events arrived when they happened."""
    routed = [
        e for e in events if e.type.split(".", 1)[0] in {b.split(".", 1)[0] for b in bootstrap.EVENT_BINDINGS}
    ]
    prefix = f"{names.queue_prefix}{label}."
    raw_queue = QueueSpec(name=f"{prefix}raw", bindings=list(bootstrap.EVENT_BINDINGS), prefetch=64)
    settings = NotificationSettings(
        mongodb_url="unused", amqp_url=amqp_url, exchange=names.exchange, queue_prefix=prefix
    )
    spec = bootstrap.event_queue(settings)
    connection = await aio_pika.connect(amqp_url)
    channel = await connection.channel(publisher_confirms=True)
    for queue_spec in (raw_queue, spec):
        await declare_queue(channel, names.exchange, queue_spec)
    exchange = await declare_exchange(channel, names.exchange)
    await asyncio.gather(
        *(exchange.publish(aio_pika.Message(encode(e), delivery_mode=2), routing_key=e.type) for e in events)
    )

    # Raw baseline: consume and ack the same messages, doing nothing else.
    received = 0
    done = asyncio.Event()
    consume_channel = await connection.channel()
    await consume_channel.set_qos(prefetch_count=raw_queue.prefetch)
    queue = await consume_channel.get_queue(raw_queue.name)

    async def on_message(message: aio_pika.abc.AbstractIncomingMessage) -> None:
        nonlocal received
        await message.ack()
        received += 1
        if received == len(routed):
            done.set()

    started = time.perf_counter()
    await queue.consume(on_message)
    await asyncio.wait_for(done.wait(), 120)
    raw_rate = len(routed) / (time.perf_counter() - started)

    handler, events_handler = bootstrap.consumer_handler(storage, settings, clock)
    if live:
        assert isinstance(clock, ManualClock)
        handler = BatchingHandler(
            partial(_at_event_time, clock, events_handler.apply),
            max_batch=settings.intake_batch_size,
            max_gather=settings.intake_gather_seconds,
        )
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
    print(f"[intake] {label}: {len(routed):,} events; raw aio-pika consume {raw_rate:,.0f} msg/s; "
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
async def test_event_intake_rate_against_raw_aio_pika_consume(
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
    # Every event a write of the copy and two alerts listed in the wheel: an import's burst.
    await _rounds(storage, names, amqp_url, "created", created, T0)
    # Seeded histories, as the reporting benchmark uses: creations, moves, wins, losses,
    # reopenings, new close dates and handovers of 600 opportunities, in time order.
    # Replayed at once (a consumer catching up ten months): every alert they plan is due now.
    histories = sorted(generate(600, seed=9), key=lambda e: (e.time, e.sequence))
    await _rounds(storage, names, amqp_url, "histories", histories, NOW)
    # The same, as they happened: most alerts are weeks ahead, and wait in the wheel.
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
        indexes = len(await (await storage.db[collection].list_indexes()).to_list()) - 1
        written.append(f"{docs / count:.1f} {collection} ({indexes} secondary indexes)")
    wheel = await storage.db[WHEEL].find({"alerts.opportunity_id": {"$regex": "^direct-"}}).to_list()
    listed = [entry for doc in wheel for entry in doc["alerts"]]
    written.append(f"{len(listed) / count:.1f} alerts listed in {len(wheel)} {WHEEL} documents")
    print(f"[intake] written per opportunity.created: {', '.join(written)}")


async def test_deliveries_per_second_through_dramatiq_into_the_inbox(
    storage: bootstrap.Storage, names: Names, mongodb_url: str, amqp_url: str
) -> None:
    count = 1_000
    settings = NotificationSettings(
        mongodb_url=mongodb_url, amqp_url=amqp_url, database=storage.db.name, queue_prefix=names.queue_prefix
    )
    requests = [
        DeliveryRequest(
            delivery_id=f"n{i}|INBOX",
            notification_id=f"n{i}",
            channel="INBOX",
            recipient_id=f"rep-{i % 50}",
            address=None,
            kind="UPCOMING_CLOSE",
            subject="Closing in 7 days",
            body="...",
            opportunity_ids=(f"opp-{i}",),
            due_at=T0,
            created_at=datetime.now(UTC),
            late=False,
        )
        for i in range(count)
    ]
    # Raw baseline: the same documents inserted one by one into a scratch collection.
    started = time.perf_counter()
    for r in requests:
        await storage.db["raw_inbox"].insert_one(
            {"_id": r.notification_id, "user_id": r.recipient_id, "subject": r.subject}
        )
    raw_rate = count / (time.perf_counter() - started)

    actors, _ = bootstrap.delivery_broker(settings, bootstrap.WorkerResources(settings, ManualClock(T0)))
    broker = actors.deliver.broker
    _, queue = bootstrap.scheduler(storage, settings, actors, ManualClock(T0), "bench")
    started = time.perf_counter()
    await queue.enqueue(requests)
    enqueue_seconds = time.perf_counter() - started
    worker = dramatiq.Worker(broker, worker_threads=settings.worker_threads, worker_timeout=100)
    started = time.perf_counter()
    worker.start()
    await wait_until(lambda: _inbox_has(storage, count), timeout=600)
    delivery_rate = count / (time.perf_counter() - started)
    await asyncio.to_thread(worker.stop)
    queue.close()
    await asyncio.to_thread(broker.close)
    await _delete_delivery_queues(amqp_url, actors.deliver.queue_name)
    print()
    print(f"[delivery] enqueue with publisher confirms: {count / enqueue_seconds:,.0f} msg/s")
    print(
        f"[delivery] dramatiq -> inbox ({settings.worker_threads} worker threads): {delivery_rate:,.0f} deliveries/s"
    )
    print(f"[delivery] raw inbox insert_one: {raw_rate:,.0f} docs/s; ratio {delivery_rate / raw_rate:.1%}")


async def _delete_delivery_queues(amqp_url: str, name: str) -> None:
    """The delivery queue and the delay and dead-letter queues dramatiq made beside it."""
    connection = await aio_pika.connect(amqp_url)
    channel = await connection.channel()
    for queue in (name, f"{name}.DQ", f"{name}.XQ"):
        await channel.queue_delete(queue)
    await connection.close()


async def _inbox_has(storage: bootstrap.Storage, count: int) -> bool:
    return await storage.db[NOTIFICATIONS].estimated_document_count() >= count


async def test_a_morning_burst_of_due_alerts_handed_over_by_one_scheduler(
    storage: bootstrap.Storage, names: Names, mongodb_url: str, amqp_url: str
) -> None:
    count = 1_000
    settings = NotificationSettings(
        mongodb_url=mongodb_url, amqp_url=amqp_url, database=storage.db.name, queue_prefix=names.queue_prefix
    )
    clock = ManualClock(T0)
    handler = bootstrap.event_handler(storage, settings, clock)
    close = (T0 + timedelta(days=7)).date()  # due this morning
    batch = [
        opportunity_event("opportunity.created", snapshot(f"opp-{i}", version=1, close=close))
        for i in range(count)
    ]
    await handler.apply([(e, data_model_for(e.type).model_validate(e.data)) for e in batch])

    started = time.perf_counter()
    for i in range(count):
        await storage.db["raw_claims"].update_one({"_id": i}, {"$set": {"state": "CLAIMED"}}, upsert=True)
    raw_rate = count / (time.perf_counter() - started)

    actors, _ = bootstrap.delivery_broker(settings)
    scheduler, queue = bootstrap.scheduler(storage, settings, actors, clock, "bench")
    started = time.perf_counter()
    result = await scheduler.tick()
    rate = result.delivered / (time.perf_counter() - started)
    queue.close()
    await asyncio.to_thread(actors.deliver.broker.close)
    await _delete_delivery_queues(amqp_url, actors.deliver.queue_name)
    print()
    print(
        f"[scheduler] {result.delivered} alerts due at once handed over by one scheduler: {rate:,.0f} alerts/s"
    )
    print(
        f"[scheduler] raw update_one (upsert) on the same server: {raw_rate:,.0f} ops/s; ratio {rate / raw_rate:.1%}"
    )

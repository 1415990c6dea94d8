"""Benchmarks of the notifications service (``make bench``; figures printed, never asserted).

- finding due alerts with 1,000 and 100,000 scheduled: time, ratio, documents examined;
- deliveries per second through dramatiq into the inbox, against raw inbox inserts;
- a morning's burst of due alerts handed over by one scheduler.

Event intake is measured in ``test_intake_throughput.py``, on a server of its own.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import aio_pika
import dramatiq
import pytest

from contracts import data_model_for
from services.notifications import bootstrap
from services.notifications.adapters.clock import ManualClock
from services.notifications.adapters.documents import ALERTS, NOTIFICATIONS
from services.notifications.adapters.mongo_schedule import MongoSchedule
from services.notifications.application.ports import DeliveryRequest
from services.notifications.settings import NotificationSettings
from tests.conftest import Names
from tests.integration.notifications.conftest import wait_until
from tests.integration.notifications.factories import T0, opportunity_event, snapshot

pytestmark = pytest.mark.bench

DUE_NOW = 50
REPEATS = 30


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

"""Benchmarks of the notifications service (``make bench``; figures printed, never asserted).

- finding due alerts with 1,000 and 100,000 scheduled (timed in turns): p50/p95, ratio,
  documents examined;
- deliveries per second through dramatiq into the inbox, against raw inbox inserts;
- a morning's burst of due alerts handed over by one scheduler.

Event intake is measured in ``test_intake_throughput.py``, on a server of its own.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable
from datetime import UTC, datetime, timedelta
from typing import Any

import aio_pika
import dramatiq
import pytest
from pymongo.asynchronous.database import AsyncDatabase

from contracts import data_model_for
from servicekit.mongo import Document
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
REPEATS = 60


async def _schedule(db: AsyncDatabase[Document], total: int) -> None:
    """``total`` pending alerts: DUE_NOW due already, the rest spread over the next year."""
    await db[ALERTS].delete_many({})
    batch: list[dict[str, Any]] = []
    for i in range(total):
        due = T0 - timedelta(minutes=1) if i < DUE_NOW else T0 + timedelta(minutes=1 + i % 500_000)
        batch.append({
            "_id": f"opp-{i}:UPCOMING_CLOSE", "kind": "UPCOMING_CLOSE", "opportunity_id": f"opp-{i}",
            "anchor": "2026-03-20", "due_at": due, "state": "PENDING", "owner_id": "rep-1", "occurrence": 0,
            "opportunity_ids": [],
        })  # fmt: skip
        if len(batch) == 5_000:
            await db[ALERTS].insert_many(batch, ordered=False)
            batch = []
    if batch:
        await db[ALERTS].insert_many(batch, ordered=False)


async def _examined(db: AsyncDatabase[Document]) -> int:
    explain = await db.command(
        "explain",
        {"find": ALERTS, "filter": {"state": "PENDING", "due_at": {"$lte": T0}}, "limit": 200},
        verbosity="executionStats",
    )
    return int(explain.get("executionStats", {}).get("totalDocsExamined", -1))


async def _timed(call: Awaitable[object]) -> float:
    started = time.perf_counter()
    await call
    return (time.perf_counter() - started) * 1000


def _p50_p95(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=20, method="inclusive")
    return statistics.median(samples), cuts[18]


async def test_finding_due_alerts_does_not_grow_with_the_schedule(storage: bootstrap.Storage) -> None:
    """Both sizes on the same server at once, each timed in turn with the other (a machine
    shared with others drifts), beside a raw find by ``_id`` on the same collection."""
    sizes = {
        1_000: storage.client[f"{storage.db.name}_1k"],
        100_000: storage.client[f"{storage.db.name}_100k"],
    }
    schedules = {}
    for total, db in sizes.items():
        await bootstrap.prepare_indexes(db)
        await _schedule(db, total)
        schedules[total] = MongoSchedule(storage.client, db, storage.policies)
        assert len(await schedules[total].due(T0, 200)) == DUE_NOW
    finds: dict[int, list[float]] = {total: [] for total in sizes}
    raws: dict[int, list[float]] = {total: [] for total in sizes}
    for i in range(REPEATS):
        for total, db in sizes.items():
            finds[total].append(await _timed(schedules[total].due(T0, 200)))
            raws[total].append(await _timed(db[ALERTS].find_one({"_id": f"opp-{i}:UPCOMING_CLOSE"})))
    print(f"\n[due alerts] ms per find of the {DUE_NOW} due, sizes timed in turns, {REPEATS} rounds")
    print(f"   {'scheduled':>10} {'p50':>7} {'p95':>7} {'raw _id p95':>12} {'docs examined':>14}")
    p95 = {}
    for total, db in sizes.items():
        p50, p95[total] = _p50_p95(finds[total])
        raw95 = _p50_p95(raws[total])[1]
        print(f"   {total:>10,} {p50:7.2f} {p95[total]:7.2f} {raw95:12.2f} {await _examined(db):14}")
        await storage.client.drop_database(db.name)
    print(f"[due alerts] ratio p95 100k/1k: {p95[100_000] / p95[1_000]:.2f}x (goal <= 2x)")


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

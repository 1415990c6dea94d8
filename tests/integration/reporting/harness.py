"""Helpers the reporting integration tests share: settings for a test's names, publishing
events, running consumer replicas and waiting for the projection to catch up."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import aio_pika
from pymongo import AsyncMongoClient

from contracts.envelope import CloudEvent
from servicekit.bus import Consumer, declare_exchange, to_message
from servicekit.mongo import Document
from services.reporting.adapters.collections import Generation
from services.reporting.bootstrap import build_projection, queue_spec
from services.reporting.settings import ReportingSettings
from tests.conftest import Names
from tests.support.waiting import wait_until


def settings_for(names: Names, mongodb_url: str, amqp_url: str, **extra: Any) -> ReportingSettings:
    return ReportingSettings(
        mongodb_url=mongodb_url, amqp_url=amqp_url, database=names.db("reporting"), exchange=names.exchange,
        queue_prefix=names.queue_prefix, log_json=False, **extra,
    )  # fmt: skip


async def publish(amqp_url: str, exchange: str, events: Sequence[CloudEvent]) -> None:
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel(publisher_confirms=True)
        target = await declare_exchange(channel, exchange)
        for start in range(0, len(events), 500):
            batch = events[start : start + 500]
            await asyncio.gather(
                *(target.publish(to_message(e.model_dump(mode="json")), routing_key=e.type) for e in batch)
            )
    finally:
        await connection.close()


async def wait_for(
    condition: Callable[[], Awaitable[bool] | bool],
    timeout: float = 120.0,
    what: str = "condition",
    interval: float = 0.1,
) -> None:
    try:
        await wait_until(condition, timeout, interval)
    except TimeoutError:
        raise TimeoutError(f"timed out waiting for {what}") from None


async def facts_applied(
    client: AsyncMongoClient[Document], settings: ReportingSettings, expected: int, generation: int = 1
) -> Callable[[], Awaitable[bool]]:
    collection = client[settings.database][Generation(generation).opportunities]

    async def done() -> bool:
        return await stored_fact_count(collection) >= expected

    return done


async def stored_fact_count(collection: Any) -> int:
    """How many opportunity facts the read model holds."""
    rows = await (
        await collection.aggregate([{"$group": {"_id": None, "n": {"$sum": "$fact_count"}}}])
    ).to_list(1)
    return int(rows[0]["n"]) if rows else 0


class Replica:
    """One consumer replica running in this event loop, stoppable or killable."""

    def __init__(self, consumer: Consumer) -> None:
        self.consumer = consumer
        self.stop = asyncio.Event()
        self.task = asyncio.create_task(consumer.run(self.stop))

    @classmethod
    async def start(
        cls, settings: ReportingSettings, client: AsyncMongoClient[Document], name: str = "replica"
    ) -> Replica:
        _, handler = await build_projection(settings, client)
        consumer = Consumer(settings.amqp_url, settings.exchange, queue_spec(settings), handler, name=name)
        replica = cls(consumer)
        await wait_for(lambda: consumer.consuming, 20, "consumer to start")
        return replica

    async def kill(self) -> None:
        """Die mid-batch: cancel the task; unacked deliveries go back to the queue."""
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)
        connection = self.consumer._connection
        if connection is not None and not connection.is_closed:
            await connection.close()

    async def close(self) -> None:
        self.stop.set()
        await asyncio.wait_for(self.task, 20)


def opportunity_event_count(events: Sequence[CloudEvent]) -> int:
    return sum(1 for e in events if e.type.startswith("opportunity."))

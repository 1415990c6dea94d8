"""What the reporting consumer benchmarks share: the raw ceiling of a backlog (the consumers'
own transport and settings, doing nothing but acknowledge), the
database server's own raw write rate with one writer or several, and the consumers' queue,
declared before the backlog is published and deleted afterwards."""

from __future__ import annotations

import asyncio
import time
import uuid
from functools import partial

import aio_pika
from aiormq.abc import DeliveredMessage
from pymongo.asynchronous.collection import AsyncCollection

from contracts.envelope import CloudEvent
from servicekit.bus import declare_queue, to_message
from servicekit.mongo import Document, open_client
from services.reporting.application.project_events import WRITE_CHUNK
from services.reporting.bootstrap import queue_spec
from services.reporting.settings import ReportingSettings
from tests.support.rabbit import raw_ceiling_rate


async def raw_rate(
    amqp_url: str, events: list[CloudEvent], with_insert: AsyncCollection[Document] | None = None
) -> float:
    """Messages per second the raw ceiling takes from a queue declared as the consumers' is (same
    arguments and prefetch) that holds ``events``, optionally after one plain insert each."""
    settings = ReportingSettings(amqp_url=amqp_url, exchange=f"bench.raw.{uuid.uuid4().hex[:8]}")
    spec = queue_spec(settings, f"{settings.exchange}.queue")
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel()
        await declare_queue(channel, settings.exchange, spec)
        publisher = await connection.channel(publisher_confirms=True)
        await asyncio.gather(
            *(publisher.default_exchange.publish(to_message(e.model_dump(mode="json")), routing_key=spec.name)
              for e in events)
        )  # fmt: skip
        each = None if with_insert is None else partial(_insert_body, with_insert)
        rate = await raw_ceiling_rate(amqp_url, settings.exchange, spec, len(events), each)
        for queue in (spec.name, spec.dead_letter_queue):
            await channel.queue_delete(queue)
        await channel.exchange_delete(settings.exchange)
        return rate
    finally:
        await connection.close()


async def _insert_body(collection: AsyncCollection[Document], message: DeliveredMessage) -> None:
    await collection.insert_one({"body": message.body})


async def raw_bulk_insert_rate(mongodb_url: str, writers: int, documents: int = 6_000) -> float:
    """Documents a second the database server inserts when ``writers`` clients, each with a
    connection of its own, insert their share at the same time in bulk writes the size of the
    projection's chunks, each into a collection of its own: the server's scaling with concurrent
    writers, nothing shared."""
    database = f"bench_raw_{uuid.uuid4().hex[:8]}"
    clients = [open_client(mongodb_url) for _ in range(writers)]
    share = documents // writers
    body = bytes(600)  # about an opportunity's facts and read model

    async def write(index: int) -> None:
        collection = clients[index][database][f"writer{index}"]
        for start in range(0, share, WRITE_CHUNK):
            chunk = range(start, min(start + WRITE_CHUNK, share))
            await collection.insert_many(
                [{"_id": f"{index}-{n}", "revision": 1, "facts": body} for n in chunk]
            )

    try:
        await asyncio.gather(*(client.admin.command("ping") for client in clients))
        started = time.perf_counter()
        await asyncio.gather(*(write(index) for index in range(writers)))
        return share * writers / (time.perf_counter() - started)
    finally:
        await clients[0].drop_database(database)
        for client in clients:
            await client.close()


async def declare_consumer_queue(settings: ReportingSettings) -> None:
    """The consumers' queue, declared before the events are published so that it holds them all."""
    connection = await aio_pika.connect(settings.amqp_url)
    try:
        await declare_queue(await connection.channel(), settings.exchange, queue_spec(settings))
    finally:
        await connection.close()


async def delete_queues(amqp_url: str, queues: list[str], exchange: str) -> None:
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel()
        for queue in queues:
            await channel.queue_delete(queue)
        await channel.exchange_delete(exchange)
    finally:
        await connection.close()

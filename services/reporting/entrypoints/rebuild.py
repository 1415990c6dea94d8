"""Rebuild the read model from the retained events: ``python -m services.reporting.entrypoints.rebuild``.

Runs beside the live consumers and API; reports switch to the rebuilt model at the end.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import aio_pika
import httpx

from servicekit import tracing
from servicekit.bus import Consumer, QueueSpec
from servicekit.logs import configure_logging, get_logger
from servicekit.mongo import open_client
from services.reporting.adapters.collections import Generation
from services.reporting.adapters.opportunity_replay import OpportunityReplay
from services.reporting.adapters.projection_store import MongoGenerations, MongoProjectionStore
from services.reporting.application.rebuild import rebuild_read_model
from services.reporting.bootstrap import batching_projection, queue_spec
from services.reporting.settings import ReportingSettings

log = get_logger(__name__)


async def _drained(amqp_url: str, queue: str) -> bool:
    connection = await aio_pika.connect(amqp_url)
    try:
        declared = await (await connection.channel()).declare_queue(queue, passive=True)
        return declared.declaration_result.message_count == 0
    finally:
        await connection.close()


RequestReplay = Callable[[str], Awaitable[int]]
"""Asks the opportunity service to replay its retained events into the named queue."""


async def replay_and_project(
    settings: ReportingSettings,
    client: Any,
    generation: Generation,
    request_replay: RequestReplay,
    timeout: float = 3600,
) -> int:
    """Have the opportunity service replay its retained events into a private queue and project
    them into ``generation`` only; returns once the queue is empty and every delivery settled."""
    spec: QueueSpec = queue_spec(settings, f"{settings.queue_prefix}reporting.rebuild.g{generation.number}")
    spec = QueueSpec(spec.name, bindings=(), prefetch=spec.prefetch)
    project = batching_projection(settings, MongoProjectionStore(client, settings.database, only=generation))
    applied = 0

    def count(applying: asyncio.Future[None]) -> None:
        nonlocal applied
        if not applying.cancelled() and applying.exception() is None:
            applied += 1

    def handle(envelope: Any, payload: Any) -> asyncio.Future[None]:
        applying = project(envelope, payload)
        applying.add_done_callback(count)
        return applying

    consumer = Consumer(settings.amqp_url, settings.exchange, spec, handle, name="reporting-rebuild")
    stop = asyncio.Event()
    task = asyncio.create_task(consumer.run(stop))
    try:
        deadline = time.monotonic() + timeout
        for _ in range(400):  # the queue exists once the consumer has declared it
            if consumer.consuming:
                break
            await asyncio.sleep(0.05)
        replayed = await request_replay(spec.name)
        while applied < replayed or not await _drained(settings.amqp_url, spec.name):
            if time.monotonic() > deadline:
                raise TimeoutError(f"rebuild: {applied} of {replayed} events applied")
            await asyncio.sleep(0.1)
    finally:
        stop.set()
        await task
    connection = await aio_pika.connect(settings.amqp_url)
    try:
        channel = await connection.channel()
        await channel.queue_delete(spec.name)
        dead = await channel.declare_queue(spec.dead_letter_queue, passive=True)
        if dead.declaration_result.message_count == 0:  # keep failures for someone to inspect
            await channel.queue_delete(spec.dead_letter_queue)
    finally:
        await connection.close()
    return replayed


async def rebuild(
    settings: ReportingSettings, client: Any, request_replay: RequestReplay
) -> tuple[Generation, int]:
    return await rebuild_read_model(
        MongoGenerations(client, settings.database),
        lambda g: replay_and_project(settings, client, g, request_replay),
        # API processes keep the active generation this long: none reads the old one after it.
        readers_grace=settings.read_cache_seconds + 1.0,
    )


async def main() -> None:
    settings = ReportingSettings()
    configure_logging("reporting-rebuild", settings.log_level, json=settings.log_json)
    tracing.configure_tracing("reporting-rebuild")
    client = open_client(settings.mongodb_url)
    try:
        async with httpx.AsyncClient() as http:
            replay = OpportunityReplay(
                http, settings.opportunity_graphql_url, settings.internal_secret.get_secret_value()
            )
            generation, replayed = await rebuild(settings, client, replay)
        log.info("read model rebuilt", generation=generation.number, events=replayed)
    finally:
        await client.close()


if __name__ == "__main__":
    asyncio.run(main())

"""Rebuild the read model from the event log: ``python -m services.reporting.entrypoints.rebuild``.

Starts a rebuild job (or, if one is running, follows that one instead of starting a second) and
prints its progress until it ends; anyone can follow it too with the ``rebuildJob`` query. Runs
beside the live consumers and API; reports switch to the rebuilt model when the job succeeds.
Exits 0 when the job succeeded, 1 when it failed.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import aio_pika
import httpx

from servicekit import tracing
from servicekit.bus import Consumer, QueueSpec
from servicekit.logs import configure_logging, get_logger
from servicekit.mongo import ensure_indexes, open_client
from services.reporting.adapters.collections import Generation
from services.reporting.adapters.opportunity_replay import OpportunityReplay
from services.reporting.adapters.projection_store import MongoGenerations, MongoProjectionStore
from services.reporting.adapters.rebuild_jobs import REBUILD_JOB_INDEXES, MongoRebuildJobs
from services.reporting.application.rebuild import Progress, rebuild_read_model, run_rebuild_job
from services.reporting.bootstrap import batching_projection, queue_spec
from services.reporting.domain.rebuild_job import JobState, RebuildJob
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
"""Asks the opportunity service to replay its event log into the named queue; answers with how
many events the replay publishes (they follow in the background)."""

PROGRESS_EVERY = 1.0
"""Seconds between two progress reports of a running rebuild."""


async def _no_progress(replayed: int, total: int | None) -> None:
    return None


async def replay_and_project(
    settings: ReportingSettings,
    client: Any,
    generation: Generation,
    request_replay: RequestReplay,
    stall_timeout: float = 300,
    progress: Progress = _no_progress,
) -> int:
    """Have the opportunity service replay its event log into a private queue and project it
    into ``generation`` only; returns once the queue is empty and every delivery settled. Fails
    when no event was applied for ``stall_timeout`` seconds (the replay stopped), however long
    the whole history takes."""
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
        for _ in range(400):  # the queue exists once the consumer has declared it
            if consumer.consuming:
                break
            await asyncio.sleep(0.05)
        await progress(0, None)
        replayed = await request_replay(spec.name)
        await progress(0, replayed)
        last_applied, last_change, reported = 0, time.monotonic(), time.monotonic()
        while applied < replayed or not await _drained(settings.amqp_url, spec.name):
            now = time.monotonic()
            if applied != last_applied:
                last_applied, last_change = applied, now
            elif now - last_change > stall_timeout:
                raise TimeoutError(f"rebuild stalled: {applied} of {replayed} events applied")
            if now - reported >= PROGRESS_EVERY:
                # Events written since the replay began may arrive too: never more than all.
                await progress(min(applied, replayed), replayed)
                reported = now
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
    settings: ReportingSettings, client: Any, request_replay: RequestReplay,
    progress: Progress = _no_progress,
) -> tuple[Generation, int]:  # fmt: skip
    return await rebuild_read_model(
        MongoGenerations(client, settings.database),
        lambda g: replay_and_project(settings, client, g, request_replay, progress=progress),
        # API processes keep the active generation this long: none reads the old one after it.
        readers_grace=settings.read_cache_seconds + 1.0,
    )


def utc_now() -> datetime:
    return datetime.now(UTC)


async def start_or_follow(
    settings: ReportingSettings,
    client: Any,
    request_replay: RequestReplay,
    report: Callable[[RebuildJob], None] = lambda job: None,
    poll_seconds: float = PROGRESS_EVERY,
) -> RebuildJob:
    """Start a rebuild job and run it here, or, if one is running, follow that one; ``report``
    is shown the job as it goes. Returns the job as it ended."""
    jobs = MongoRebuildJobs(client[settings.database])
    await ensure_indexes(client[settings.database], REBUILD_JOB_INDEXES)
    job, started = await jobs.start(utc_now())
    if started:
        runner = asyncio.create_task(
            run_rebuild_job(
                jobs, job, lambda progress: rebuild(settings, client, request_replay, progress), utc_now
            )
        )
    else:
        log.info("a rebuild is already running: following it", job=job.id)
    while True:
        runner_ended = started and runner.done()  # before the read: the read sees its last write
        current = await jobs.get(job.id)
        assert current is not None  # a job document is written before its job runs
        report(current)
        if current.done or runner_ended:
            break
        await asyncio.sleep(poll_seconds)
    if started:
        await asyncio.gather(runner, return_exceptions=True)
    return current


def _print_progress(job: RebuildJob) -> None:
    total = "?" if job.total_events is None else f"{job.total_events:,}"
    print(f"rebuild {job.id}: {job.state.value}, {job.replayed_events:,} of {total} events", flush=True)


async def main() -> int:
    settings = ReportingSettings()
    configure_logging("reporting-rebuild", settings.log_level, json=settings.log_json)
    tracing.configure_tracing("reporting-rebuild")
    client = open_client(settings.mongodb_url)
    try:
        async with httpx.AsyncClient() as http:
            replay = OpportunityReplay(http, settings.opportunity_graphql_url, settings.internal_secret)
            job = await start_or_follow(settings, client, replay, _print_progress)
        log.info("rebuild ended", job=job.id, state=job.state.value, generation=job.generation,
                 events=job.replayed_events, error=job.error)  # fmt: skip
    finally:
        await client.close()
    return 0 if job.state is JobState.SUCCEEDED else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))

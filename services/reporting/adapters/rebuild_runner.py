"""Rebuilding the read model from the opportunity service's event log, as jobs.

A rebuild declares a private queue, asks the opportunity service to replay its event log into
it (the service answers with the count at once and publishes in the background), and projects
what arrives into a fresh generation only (application/rebuild.py says why that is exact while
the live consumers keep running). ``RebuildRunner`` runs it as a job, one at a time, recording
its progress for the ``rebuildJob`` query.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import aio_pika

from servicekit.bus import Consumer, QueueSpec
from servicekit.logs import get_logger
from servicekit.mongo import ensure_indexes
from services.reporting.adapters.collections import Generation
from services.reporting.adapters.projection_store import MongoGenerations, MongoProjectionStore
from services.reporting.adapters.rebuild_jobs import REBUILD_JOB_INDEXES, MongoRebuildJobs
from services.reporting.application.rebuild import Progress, rebuild_read_model, run_rebuild_job
from services.reporting.bootstrap import batching_projection, queue_spec
from services.reporting.domain.rebuild_job import STALE_AFTER, RebuildJob
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
        # Whatever happened: a failed rebuild's queue is of no use to the next one, which
        # replays the whole log again.
        try:
            await _remove_queue(settings.amqp_url, spec)
        except Exception as exc:
            log.warning("rebuild queue not removed", queue=spec.name, error=repr(exc))
    return replayed


async def _remove_queue(amqp_url: str, spec: QueueSpec) -> None:
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel()
        await channel.queue_delete(spec.name)
        dead = await channel.declare_queue(spec.dead_letter_queue, passive=True)
        if dead.declaration_result.message_count == 0:  # keep failures for someone to inspect
            await channel.queue_delete(spec.dead_letter_queue)
    finally:
        await connection.close()


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


class RebuildRunner:
    """Starts rebuild jobs, one at a time, and runs them in this process as asyncio tasks."""

    def __init__(
        self, settings: ReportingSettings, client: Any, request_replay: RequestReplay,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:  # fmt: skip
        self._settings = settings
        self._client = client
        self._request_replay = request_replay
        self._clock = clock
        self.jobs = MongoRebuildJobs(client[settings.database])
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> tuple[RebuildJob, bool]:
        """A new job, started here, and True; or the job already running, and False."""
        await ensure_indexes(self._client[self._settings.database], REBUILD_JOB_INDEXES)
        job, started = await self.jobs.start(self._clock())
        if started:
            task = asyncio.create_task(
                run_rebuild_job(self.jobs, job, self._rebuild, self._clock), name=f"rebuild-{job.id}"
            )
            self._tasks.add(task)
            task.add_done_callback(self._ended)
        return job, started

    def _rebuild(self, progress: Progress) -> Awaitable[tuple[Generation, int]]:
        return rebuild(self._settings, self._client, self._request_replay, progress)

    def _ended(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("rebuild failed", task=task.get_name(), error=repr(task.exception()))

    async def follow(
        self, job: RebuildJob, report: Callable[[RebuildJob], None], poll_seconds: float = PROGRESS_EVERY
    ) -> RebuildJob:
        """Show ``report`` the job as it goes, until it ends; returns it as it ended."""
        while True:
            # Looked at before the read: a job run here that had ended by then has written its end.
            running_here = any(task.get_name() == f"rebuild-{job.id}" for task in self._tasks)
            current = await self.jobs.get(job.id)
            assert current is not None  # a job document is written before its job runs
            report(current)
            if current.done or (not running_here and current.updated_at < self._clock() - STALE_AFTER):
                return current
            await asyncio.sleep(poll_seconds)

    async def close(self) -> None:
        """Stop the jobs running here (each is recorded as failed)."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*list(self._tasks), return_exceptions=True)

"""Rebuild the read model from zero while the live projection keeps running.

1. Start a fresh generation: from this moment every live consumer writes each event into it as
   well as into the active one (a consumer reads the targets for each batch, after receiving it).
2. Replay the event log (every event the opportunity service ever wrote) into a private queue
   and project it into the fresh generation only. Every event published before step 1 is in
   the log; every one consumed after it reaches the fresh generation live. The projection is idempotent and order-independent, so the
   overlap is harmless.
3. When the replay is drained, switch reports to the fresh generation, and drop the old one once
   every API process has stopped reading it (they keep the active generation for a few seconds).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, Protocol

from services.reporting.domain.rebuild_job import JobState, RebuildJob


class Generations(Protocol):
    async def begin(self) -> Any: ...
    async def switch(self, generation: Any) -> Any: ...
    async def drop(self, generation: Any) -> None: ...


async def rebuild_read_model(
    generations: Generations,
    replay_into: Callable[[Any], Awaitable[int]],
    keep_old: bool = False,
    readers_grace: float = 0.0,
) -> tuple[Any, int]:
    """``replay_into(generation)`` replays the event log into the generation and returns
    once they are all applied, with how many there were. Returns the new generation and that count."""
    generation = await generations.begin()
    replayed = await replay_into(generation)
    retired = await generations.switch(generation)
    if not keep_old:
        await asyncio.sleep(readers_grace)
        await generations.drop(retired)
    return generation, replayed


Progress = Callable[[int, int | None], Awaitable[None]]
"""Told, as a rebuild goes, how many events it has applied and how many the history holds."""


class RebuildJobs(Protocol):
    async def start(self, now: datetime) -> tuple[RebuildJob, bool]: ...
    async def progress(
        self, job: RebuildJob, replayed: int, total: int | None, now: datetime
    ) -> RebuildJob: ...
    async def finish(
        self, job: RebuildJob, state: JobState, now: datetime, *, generation: int | None = None,
        error: str | None = None,
    ) -> None: ...  # fmt: skip
    async def get(self, job_id: str | None = None) -> RebuildJob | None: ...


class RebuildStarter(Protocol):
    async def start(self) -> tuple[RebuildJob, bool]:
        """A new job, started, and True; or the job already running, and False."""
        ...


async def run_rebuild_job(
    jobs: RebuildJobs,
    job: RebuildJob,
    rebuild: Callable[[Progress], Awaitable[tuple[Any, int]]],
    clock: Callable[[], datetime],
) -> None:
    """Run ``rebuild`` as ``job``: its progress recorded as it goes, its end as it ends."""

    async def progress(replayed: int, total: int | None) -> None:
        await jobs.progress(job, replayed, total, clock())

    try:
        generation, replayed = await rebuild(progress)
    except BaseException as exc:
        await asyncio.shield(jobs.finish(job, JobState.FAILED, clock(), error=repr(exc)))
        raise
    await jobs.progress(job, replayed, replayed, clock())
    await jobs.finish(job, JobState.SUCCEEDED, clock(), generation=generation.number)

"""Re-planning the open opportunities of a pipeline after its thresholds (or the organisation's
alert timing) changed: in the background, a chunk per transaction, from a request recorded
with a generation so that a newer request restarts the pass and a stopped one resumes."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime
from functools import partial

from services.notifications.application.ports import Clock, IntakeStore, IntakeUnit, Prefetch
from services.notifications.domain.model import SCHEDULED_KINDS, OpportunityCopy, alert_id
from services.notifications.domain.planning import plan_alerts, reconcile


async def replan(unit: IntakeUnit, opportunity: OpportunityCopy, now: datetime) -> None:
    """Bring the opportunity's scheduled alerts in line with its current copy."""
    pipeline = await unit.pipeline(opportunity.pipeline_id)
    plans = plan_alerts(opportunity, pipeline, await unit.policy(), now)
    existing = await unit.alerts_of(opportunity.id)
    for kind in SCHEDULED_KINDS:
        change = reconcile(
            existing.get(kind),
            plans[kind],
            alert_id=alert_id(opportunity.id, kind),
            opportunity_id=opportunity.id,
            owner_id=opportunity.owner_id,
            now=now,
        )
        if change.alert is not None:
            await unit.save_alert(change.alert)


class PipelineReplanner:
    def __init__(self, store: IntakeStore, clock: Clock, *, chunk: int = 500) -> None:
        self._store = store
        self._clock = clock
        self._chunk_size = chunk
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._generations: dict[str, int] = {}

    def start(self, pipeline_id: str, generation: int) -> None:
        running = self._tasks.get(pipeline_id)
        if (
            running is not None
            and self._generations.get(pipeline_id, 0) >= generation
            and _alive_or_done(running)
        ):
            return  # already under way (or done) for this request
        # A newer request restarts the pass: chunks already done used the older thresholds.
        if running is not None and not running.done():
            running.cancel()
        self._generations[pipeline_id] = generation
        self._tasks[pipeline_id] = asyncio.create_task(self.replan_pipeline(pipeline_id, generation))

    async def replan_pipeline(self, pipeline_id: str, generation: int) -> None:
        """Re-plan every open opportunity of a pipeline, a chunk per transaction (one
        transaction for a large pipeline would outlive the server's transaction limit).

        The ids are listed once, then each chunk re-reads its copies by id in its own
        transaction: one that closed or left the pipeline since is skipped, and one that
        joined it was planned by the consumer with the new thresholds already (the pipeline's
        copy changed before this pass was asked for)."""
        ids = await self._store.run(_NOTHING, lambda unit: unit.open_opportunity_ids_in(pipeline_id))
        for start in range(0, len(ids), self._chunk_size):
            chunk = ids[start : start + self._chunk_size]
            await self._store.run(_NOTHING, partial(self._replan_chunk, pipeline_id=pipeline_id, ids=chunk))
        await self._store.run(_NOTHING, lambda unit: unit.finish_replan(pipeline_id, generation))

    async def _replan_chunk(self, unit: IntakeUnit, *, pipeline_id: str, ids: Sequence[str]) -> None:
        opportunities = [
            o for o in await unit.opportunities(ids) if o.pipeline_id == pipeline_id and o.is_open
        ]
        await unit.load_alerts([o.id for o in opportunities])
        now = self._clock.now()
        for opportunity in opportunities:
            await replan(unit, opportunity, now)

    async def resume(self) -> None:
        """Start the re-planning requested and not yet done: left unfinished by a previous run,
        or asked for by the API (the consumer calls this at start-up and then periodically)."""
        for pipeline_id, generation in await self._store.run(_NOTHING, lambda unit: unit.pending_replans()):
            self.start(pipeline_id, generation)

    async def wait(self) -> None:
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)

    async def close(self) -> None:
        """Stop background re-planning; what is left resumes at the next start."""
        for task in self._tasks.values():
            task.cancel()
        await self.wait()


_NOTHING = Prefetch(events=[], opportunities={}, pipeline_ids=[])


def _alive_or_done(task: asyncio.Task[None]) -> bool:
    """Running, or finished without error (a failed or cancelled pass is started again)."""
    return not task.done() or (not task.cancelled() and task.exception() is None)

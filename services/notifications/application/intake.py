"""Event handlers: keep the copies up to date and the schedule in step with them.

Each event is applied in one transaction together with its sequence guard (several events
handled at the same moment share one), so a duplicate or an older event (the guard has seen a
newer one) changes nothing, and a crash never leaves the copy and the schedule disagreeing.
A pipeline's new thresholds reach its open opportunities afterwards, chunk by chunk, from a
request recorded in the event's transaction (see ``replan_pipeline``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from pydantic import BaseModel

from contracts.envelope import CloudEvent
from contracts.events.catalog import PipelineChanged, UserChanged
from contracts.events.evidence import ActivityLogged
from contracts.events.opportunity import OpportunitySnapshot
from servicekit.i18n import DEFAULT_LOCALE
from services.notifications.application.ports import Clock, IntakeStore, IntakeUnit, Prefetch
from services.notifications.application.replanning import PipelineReplanner, replan
from services.notifications.domain.model import (
    OpportunityCopy,
    PipelineCopy,
    UserCopy,
)
from services.notifications.domain.planning import NextStep, alert_inputs, plan_reminder


def opportunity_copy(snapshot: OpportunitySnapshot) -> OpportunityCopy:
    return OpportunityCopy(
        id=snapshot.id,
        title=snapshot.title,
        owner_id=snapshot.owner_id,
        team=snapshot.team,
        pipeline_id=snapshot.pipeline_id,
        stage_key=snapshot.stage.key,
        stage_name=snapshot.stage.name,
        stage_entered_at=snapshot.stage_entered_at,
        status=snapshot.status.value,
        expected_close_date=snapshot.expected_close_date,
        version=snapshot.version,
    )


class EventHandler:
    """Applies one event of any type the service listens to."""

    def __init__(
        self, store: IntakeStore, clock: Clock, *, assignment_digest: timedelta, replan_chunk: int = 500
    ) -> None:
        self._store = store
        self._clock = clock
        self._digest = assignment_digest
        self._replanner = PipelineReplanner(store, clock, chunk=replan_chunk)

    async def __call__(self, event: CloudEvent, payload: BaseModel) -> None:
        await self.apply([(event, payload)])

    async def apply(self, batch: Sequence[tuple[CloudEvent, BaseModel]]) -> None:
        """Apply events in order, all in one transaction; then start re-planning the pipelines
        whose thresholds changed (in the background, chunk by chunk)."""
        requested = await self._store.run(_prefetch(batch), lambda unit: self._apply_all(unit, batch))
        for pipeline_id, version in requested.items():
            self._replanner.start(pipeline_id, version)

    async def _apply_all(
        self, unit: IntakeUnit, batch: Sequence[tuple[CloudEvent, BaseModel]]
    ) -> dict[str, int]:
        requested: dict[str, int] = {}
        for event, payload in batch:
            snapshot = getattr(payload, "opportunity", None)
            # Only opportunity.* events are about the opportunity (sequence = its version);
            # others that carry a snapshot (activities, attachments) count their own subject.
            if event.type.startswith("opportunity.") and isinstance(snapshot, OpportunitySnapshot):
                await self._apply_opportunity(unit, event, payload, snapshot)
            elif isinstance(payload, PipelineChanged):
                generation = await self._apply_pipeline(unit, event, payload)
                if generation is not None:
                    requested[payload.pipeline.id] = generation
            elif isinstance(payload, UserChanged):
                await self._apply_user(unit, event, payload)
            elif isinstance(payload, ActivityLogged):
                await self._apply_activity(unit, event, payload)
            # Other subjects (lead sources) carry nothing alerts depend on.
        return requested

    async def _apply_opportunity(
        self, unit: IntakeUnit, event: CloudEvent, payload: BaseModel, snapshot: OpportunitySnapshot
    ) -> None:
        if not await unit.advance(event):
            return
        now = self._clock.now()
        previous = await unit.opportunity(snapshot.id)
        current = opportunity_copy(snapshot)
        await unit.save_opportunity(current)
        if previous is None or alert_inputs(previous) != alert_inputs(current):
            await replan(unit, current, now)
        if _was_given_to_owner(previous, current, payload):
            # A digest per recipient: whatever request it came in (a bulk assignment, an import,
            # a handover, several managers at once), an opportunity joins the recipient's
            # summary still pending, or opens one that goes out a digest later.
            await unit.add_to_assignment_summary(
                recipient_id=current.owner_id,
                opportunity_id=current.id,
                due_at=now + self._digest,
                event_id=event.id,
            )

    async def _apply_activity(self, unit: IntakeUnit, event: CloudEvent, payload: ActivityLogged) -> None:
        """An activity logged, corrected or completed: its next step's reminder follows (the
        sequence is the activity's revision, so an older revision changes nothing)."""
        if not await unit.advance(event):
            return
        activity, opportunity = payload.activity, payload.opportunity
        step = NextStep(
            activity_id=activity.id,
            opportunity_id=activity.opportunity_id,
            owner_id=opportunity.owner_id,
            due_on=activity.due_on,
            what=str(activity.details.get("next_step") or activity.text or activity.kind.value),
            done=activity.completed_at is not None or opportunity.status.value != "OPEN",
        )
        existing = await unit.reminder(activity.id)
        planned = plan_reminder(existing, step, await unit.policy(), self._clock.now())
        if planned is not None:
            await unit.save_reminder(planned)

    async def _apply_pipeline(
        self, unit: IntakeUnit, event: CloudEvent, payload: PipelineChanged
    ) -> int | None:
        """Keep the copy. When its thresholds changed, request re-planning its opportunities
        (in the same transaction, so a crash before that is done resumes it) and return the
        request's generation."""
        if not await unit.advance(event):
            return None
        p = payload.pipeline
        previous = await unit.pipeline(p.id)
        current = PipelineCopy(
            id=p.id,
            name=p.name,
            alert_days_before_close=p.alert_days_before_close,
            rotting_days={s.key: s.rotting_days for s in p.stages},
            version=p.version,
        )
        await unit.save_pipeline(current)
        if previous is not None and _thresholds(previous) == _thresholds(current):
            return None
        return await unit.request_replan(p.id)

    async def resume_replans(self) -> None:
        """Start the re-planning requested and not yet done (at start-up, then periodically)."""
        await self._replanner.resume()

    async def wait_for_replans(self) -> None:
        await self._replanner.wait()

    async def close(self) -> None:
        """Stop background re-planning; what is left resumes at the next start."""
        await self._replanner.close()

    async def _apply_user(self, unit: IntakeUnit, event: CloudEvent, payload: UserChanged) -> None:
        if not await unit.advance(event):
            return
        u = payload.user
        await unit.save_user(
            UserCopy(
                id=u.id, name=u.name, email=u.email, role=u.role.value, team=u.team,
                manager_id=u.manager_id, active=u.active, version=u.version,
                locale=u.locale or DEFAULT_LOCALE,
            )
        )  # fmt: skip


def _thresholds(pipeline: PipelineCopy) -> tuple[object, ...]:
    return (pipeline.alert_days_before_close, pipeline.rotting_days)


def _prefetch(batch: Sequence[tuple[CloudEvent, BaseModel]]) -> Prefetch:
    snapshots = [
        s
        for e, p in batch
        if e.type.startswith("opportunity.")
        and isinstance(s := getattr(p, "opportunity", None), OpportunitySnapshot)
    ]
    pipelines = {s.pipeline_id for s in snapshots} | {
        p.pipeline.id for _, p in batch if isinstance(p, PipelineChanged)
    }
    newest: dict[str, OpportunitySnapshot] = {}
    for snapshot in snapshots:
        if snapshot.id not in newest or snapshot.version > newest[snapshot.id].version:
            newest[snapshot.id] = snapshot
    return Prefetch(
        events=[e for e, _ in batch],
        opportunities={i: opportunity_copy(s) for i, s in newest.items()},
        pipeline_ids=sorted(pipelines),
    )


def _was_given_to_owner(
    previous: OpportunityCopy | None, current: OpportunityCopy, payload: BaseModel
) -> bool:
    """The opportunity reached a new owner by someone else's hand: created for them, or
    assigned or handed over to them (a rep taking one on themselves needs no notice)."""
    if previous is not None and previous.owner_id == current.owner_id:
        return False
    actor = getattr(getattr(payload, "by", None), "user_id", None)
    if previous is None:
        return actor is not None and actor != current.owner_id
    return actor != current.owner_id

"""Real contract events for the notifications tests, built with ``contracts.new_event``."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from pydantic import BaseModel

from contracts import CloudEvent, new_event
from contracts.events._base import Actor, Money, OpportunityStatus, Role, StageKind
from contracts.events.catalog import (
    PipelineChanged,
    PipelineSnapshot,
    StageSnapshot,
    UserChanged,
    UserSnapshot,
)
from contracts.events.evidence import AssignmentReason, OpportunityAssigned
from contracts.events.opportunity import (
    OpportunityCloseDateChanged,
    OpportunityCreated,
    OpportunityLost,
    OpportunityReopened,
    OpportunitySnapshot,
    OpportunityStageChanged,
    OpportunityUpdated,
    OpportunityWon,
    StageRef,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
"""A Monday, 09:00 UTC: the organisation's alert hour in the tests' time zone (UTC)."""

_STAGE_KIND = {"won": StageKind.WON, "lost": StageKind.LOST}
_STATUS = {"won": OpportunityStatus.WON, "lost": OpportunityStatus.LOST}


def snapshot(
    opportunity_id: str,
    *,
    version: int,
    close: date,
    owner: str = "rep-1",
    stage: str = "discover",
    stage_entered_at: datetime = T0,
    pipeline_id: str = "pl-1",
    team: str | None = "north",
    title: str | None = None,
) -> OpportunitySnapshot:
    kind = _STAGE_KIND.get(stage, StageKind.OPEN)
    return OpportunitySnapshot(
        id=opportunity_id,
        title=title or f"Deal {opportunity_id}",
        customer_name="Acme Trading",
        is_new_customer=True,
        is_new_product=False,
        owner_id=owner,
        team=team,
        pipeline_id=pipeline_id,
        stage=StageRef(key=stage, kind=kind, name=stage.title()),
        stage_entered_at=stage_entered_at,
        status=_STATUS.get(stage, OpportunityStatus.OPEN),
        probability=10,
        value=Money(amount=Decimal("125000.00"), currency="TWD"),
        expected_close_date=close,
        difficulty=Decimal("1.2"),
        created_at=T0,
        updated_at=T0,
        version=version,
    )


def opportunity_event(
    type_: str,
    snap: OpportunitySnapshot,
    *,
    by: str | None = None,
    correlation_id: str | None = None,
    previous_close: date | None = None,
) -> CloudEvent:
    actor = Actor(user_id=by or snap.owner_id)  # by default the owner acts on their own deal
    data: BaseModel
    if type_ == "opportunity.created":
        data = OpportunityCreated(opportunity=snap, by=actor)
    elif type_ == "opportunity.updated":
        data = OpportunityUpdated(opportunity=snap, by=actor, changes=[])
    elif type_ == "opportunity.close_date_changed":
        old = previous_close or snap.expected_close_date
        data = OpportunityCloseDateChanged(opportunity=snap, by=actor, old=old, new=snap.expected_close_date)
    else:
        model = {
            "opportunity.stage_changed": OpportunityStageChanged,
            "opportunity.won": OpportunityWon,
            "opportunity.reopened": OpportunityReopened,
        }.get(type_)
        move = {
            "opportunity": snap, "by": actor, "from_stage": StageRef(key="discover", kind=StageKind.OPEN),
            "to_stage": snap.stage, "moved_at": T0, "seconds_in_previous_stage": 0, "probability": 10,
        }  # fmt: skip
        data = OpportunityLost(**move, reason="price") if model is None else model(**move)
    return new_event(
        type=type_, source="/opportunity", subject=snap.id, sequence=snap.version,
        data=data, correlation_id=correlation_id,
    )  # fmt: skip


def user_event(
    user_id: str,
    *,
    version: int = 1,
    role: Role = Role.REP,
    email: str | None = None,
    manager_id: str | None = None,
    team: str | None = "north",
    active: bool = True,
    locale: str | None = "en",
) -> CloudEvent:
    """A user who reads English unless ``locale`` says otherwise (None: never chose, zh-TW)."""
    user = UserSnapshot(
        id=user_id, name=user_id.title(), email=email or f"{user_id}@example.com", role=role,
        team=team, manager_id=manager_id, active=active, version=version, locale=locale,
    )  # fmt: skip
    kind = "user.created" if version == 1 else "user.updated"
    return new_event(
        type=kind, source="/opportunity", subject=user_id, sequence=version,
        data=UserChanged(user=user, by=Actor(user_id="admin")),
    )  # fmt: skip


def pipeline_event(
    pipeline_id: str = "pl-1", *, version: int = 1, alert_days: int = 7, rotting: dict[str, int] | None = None
) -> CloudEvent:
    rotting = rotting or {}
    stages = [
        StageSnapshot(key=key, name_zh=key, name_en=key, kind=kind, probability=p, position=i,
                      rotting_days=rotting.get(key))
        for i, (key, kind, p) in enumerate(
            [("discover", StageKind.OPEN, 10), ("proposal", StageKind.OPEN, 75),
             ("won", StageKind.WON, 100), ("lost", StageKind.LOST, 0)]
        )
    ]  # fmt: skip
    pipeline = PipelineSnapshot(
        id=pipeline_id, name="Software", alert_days_before_close=alert_days, stages=stages, version=version
    )
    return new_event(
        type="pipeline.created" if version == 1 else "pipeline.updated", source="/opportunity",
        subject=pipeline_id, sequence=version, data=PipelineChanged(pipeline=pipeline, by=Actor(user_id="admin")),
    )  # fmt: skip


def assigned_event(
    snap: OpportunitySnapshot,
    *,
    from_owner: str | None,
    by: str = "mgr-1",
    request_id: str | None = None,
    reason: AssignmentReason = AssignmentReason.BULK,
) -> CloudEvent:
    data = OpportunityAssigned(
        opportunity=snap, by=Actor(user_id=by), from_owner_id=from_owner, to_owner_id=snap.owner_id,
        reason=reason, assigned_at=T0, request_id=request_id,
    )  # fmt: skip
    return new_event(
        type="opportunity.assigned", source="/opportunity", subject=snap.id, sequence=snap.version, data=data
    )

"""Stage moves: forward, back, closing (won or lost) and reopening are all moves.

A move on a closed opportunity is refused unless it is a reopening; a move to a LOST stage needs
a reason from the pipeline's list (domain/lost_reasons.py). The kind of move decides the one
event a move publishes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from services.opportunity.domain.errors import InvalidInput, OpportunityClosed
from services.opportunity.domain.history import StageChange, StageRef
from services.opportunity.domain.lost_reasons import check_lost_reason, find_reason
from services.opportunity.domain.opportunity import Opportunity, check_note, status_for
from services.opportunity.domain.pipeline import Pipeline, StageKind


class MoveKind(StrEnum):
    """Which event a move publishes."""

    STAGE_CHANGED = "opportunity.stage_changed"
    WON = "opportunity.won"
    LOST = "opportunity.lost"
    REOPENED = "opportunity.reopened"


@dataclass(frozen=True)
class Move:
    kind: MoveKind
    before: Opportunity
    after: Opportunity
    change: StageChange
    seconds_in_previous_stage: int
    lost_reason_name: str | None = None
    """The English name of the reason a deal was lost for (the event's words when none are given)."""


def move_stage(
    opportunity: Opportunity, pipeline: Pipeline, to_key: str, *, by: str, now: datetime,
    note: str | None = None, lost_reason_key: str | None = None, lost_reason: str | None = None,
    reopen: bool = False,
) -> Move:  # fmt: skip
    if pipeline.id != opportunity.pipeline_id:
        raise InvalidInput("pipelineId", "The opportunity belongs to another pipeline.")
    if not opportunity.is_open and not reopen:
        raise OpportunityClosed(
            f"The opportunity is {opportunity.status.value.lower()}; reopen it before moving it.",
            {"status": opportunity.status.value},
        )
    if reopen and opportunity.is_open:
        raise InvalidInput("id", "Only a won or lost opportunity can be reopened.")
    target = pipeline.active_stage(to_key)
    if reopen and target.kind is not StageKind.OPEN:
        raise InvalidInput("stageKey", "Reopen into an open stage.")
    if target.key == opportunity.stage.key:
        raise InvalidInput("stageKey", f"The opportunity is already in stage {to_key!r}.")
    reason_key, reason = (
        check_lost_reason(pipeline, lost_reason_key, lost_reason)
        if target.kind is StageKind.LOST
        else (None, None)
    )

    to_ref = StageRef.of(target)
    change = StageChange(opportunity.stage, to_ref, now, by, check_note(note))
    closing = target.kind is not StageKind.OPEN
    after = replace(
        opportunity,
        stage=to_ref,
        stage_probability=target.probability,
        stage_entered_at=now,
        status=status_for(target.kind),
        lost_reason_key=reason_key,
        lost_reason=reason,
        closed_at=now if closing else None,
        updated_at=now,
        version=opportunity.version + 1,
        stage_history=(*opportunity.stage_history, change),
    )
    if reopen:
        kind = MoveKind.REOPENED
    elif target.kind is StageKind.WON:
        kind = MoveKind.WON
    elif target.kind is StageKind.LOST:
        kind = MoveKind.LOST
    else:
        kind = MoveKind.STAGE_CHANGED
    name = find_reason(pipeline, reason_key).name_en if reason_key else None
    return Move(kind, opportunity, after, change, opportunity.seconds_in_current_stage(now), name)

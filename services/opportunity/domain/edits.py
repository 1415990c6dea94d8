"""Creating an opportunity and changing its fields, close date and probability override."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from services.opportunity.domain.errors import InvalidInput, OpportunityClosed
from services.opportunity.domain.history import (
    CloseDateChange,
    DifficultyChange,
    ProbabilityChange,
    StageChange,
    StageRef,
)
from services.opportunity.domain.money import Money
from services.opportunity.domain.opportunity import (
    Opportunity,
    Status,
    check_close_date,
    check_customer,
    check_difficulty,
    check_note,
    check_probability,
    check_products,
    check_title,
)
from services.opportunity.domain.pipeline import Pipeline, StageKind


@dataclass(frozen=True)
class NewOpportunity:
    """What a user types to create one; values are checked by ``create``."""

    title: str
    customer_name: str
    value: Money
    expected_close_date: date
    owner_id: str
    pipeline_id: str | None = None
    stage_key: str | None = None
    products: tuple[str, ...] = ()
    source_id: str | None = None
    difficulty: str | Decimal | None = None
    note: str | None = None


def create(
    data: NewOpportunity, *, id: str, pipeline: Pipeline, team: str | None, by: str, now: datetime
) -> Opportunity:
    """A new open opportunity in the given (or the first open) stage; its history starts there."""
    stage = pipeline.active_stage(data.stage_key) if data.stage_key else pipeline.first_open_stage
    if stage.kind is not StageKind.OPEN:
        raise InvalidInput("stageKey", "A new opportunity starts in an open stage.")
    ref = StageRef.of(stage)
    close = check_close_date(data.expected_close_date)
    return Opportunity(
        id=id,
        title=check_title(data.title),
        customer_name=check_customer(data.customer_name),
        is_new_customer=False,  # facts of a win (domain/win_facts.py), never claimed
        products=check_products(data.products),
        is_new_product=False,
        value=data.value,
        owner_id=data.owner_id,
        team=team,
        pipeline_id=pipeline.id,
        stage=ref,
        stage_probability=stage.probability,
        stage_entered_at=now,
        expected_close_date=close,
        difficulty=check_difficulty(data.difficulty),
        status=Status.OPEN,
        created_at=now,
        updated_at=now,
        created_by=by,
        source_id=data.source_id,
        stage_history=(StageChange(None, ref, now, by, check_note(data.note)),),
        close_date_history=(CloseDateChange(None, close, now, by),),
    )


@dataclass(frozen=True)
class FieldEdits:
    """Fields to change; None leaves a field as it is."""

    title: str | None = None
    customer_name: str | None = None
    products: tuple[str, ...] | None = None
    value: Money | None = None
    source_id: str | None = None


@dataclass(frozen=True)
class Edit:
    after: Opportunity
    changes: list[tuple[str, Any, Any]]  # (field, before, after), in API field names


def edit_fields(opportunity: Opportunity, edits: FieldEdits, *, now: datetime) -> Edit:
    """Apply the edits that differ from the current values. No difference: no new version."""
    wanted: dict[str, Any] = {}
    if edits.title is not None:
        wanted["title"] = check_title(edits.title)
    if edits.customer_name is not None:
        wanted["customer_name"] = check_customer(edits.customer_name)
    if edits.products is not None:
        wanted["products"] = check_products(edits.products)
    if edits.value is not None:
        wanted["value"] = edits.value
    if edits.source_id is not None:
        wanted["source_id"] = edits.source_id or None
    changes = [
        (name, getattr(opportunity, name), value)
        for name, value in wanted.items()
        if getattr(opportunity, name) != value
    ]
    if not changes:
        return Edit(opportunity, [])
    after = replace(
        opportunity,
        **{name: new for name, _, new in changes},
        updated_at=now,
        version=opportunity.version + 1,
    )
    return Edit(after, changes)


def adjust_difficulty(
    opportunity: Opportunity, value: str | Decimal, *, reason: str | None, by: str, now: datetime
) -> Opportunity:
    """A manager's adjustment, kept in the deal's history with its reason. The same value again
    changes nothing."""
    difficulty = check_difficulty(value)
    if difficulty == opportunity.difficulty:
        return opportunity
    why = check_note(reason, "difficultyReason")
    if not why:
        raise InvalidInput("difficultyReason", "Say why the difficulty changes.")
    change = DifficultyChange(opportunity.difficulty, difficulty, now, by, why)
    return replace(
        opportunity,
        difficulty=difficulty,
        difficulty_history=(*opportunity.difficulty_history, change),
        updated_at=now,
        version=opportunity.version + 1,
    )


def change_close_date(
    opportunity: Opportunity, new: date, *, by: str, now: datetime, reason: str | None = None
) -> Opportunity:
    """Record the slip (old, new, who, when). The same date again changes nothing."""
    if not opportunity.is_open:
        raise OpportunityClosed("A closed opportunity's close date is final; reopen it first.")
    new = check_close_date(new)
    if new == opportunity.expected_close_date:
        return opportunity
    change = CloseDateChange(opportunity.expected_close_date, new, now, by, check_note(reason, "reason"))
    return replace(
        opportunity,
        expected_close_date=new,
        close_date_history=(*opportunity.close_date_history, change),
        updated_at=now,
        version=opportunity.version + 1,
    )


def override_probability(
    opportunity: Opportunity, value: int | None, *, by: str, now: datetime
) -> Opportunity:
    """Set (a number) or clear (None) the user's override; kept and flagged until cleared."""
    if not opportunity.is_open:
        raise OpportunityClosed("A won or lost opportunity's probability is fixed; reopen it first.")
    value = None if value is None else check_probability(value)
    if value == opportunity.probability_override:
        return opportunity
    change = ProbabilityChange(opportunity.probability_override, value, now, by)
    return replace(
        opportunity,
        probability_override=value,
        probability_history=(*opportunity.probability_history, change),
        updated_at=now,
        version=opportunity.version + 1,
    )

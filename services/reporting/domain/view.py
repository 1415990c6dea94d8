"""The per-opportunity read model and how it is derived from the facts known for it.

Every opportunity event carries a full snapshot, and stage moves carry the visit they end, so the
model is a pure function of the set of facts: the order facts arrive in, and how often, does not
matter. Missing facts (not delivered yet) only leave the model incomplete until they arrive.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from contracts.events.evidence import OpportunityAssigned
from contracts.events.opportunity import (
    OpportunityCloseDateChanged,
    OpportunityLost,
    OpportunitySnapshot,
    OpportunityWon,
    StageMove,
)
from contracts.registry import EVENT_TYPES


@dataclass(frozen=True)
class Fact:
    """One opportunity event as stored: its type, the subject's sequence, and the payload."""

    opportunity_id: str
    sequence: int
    type: str
    data: Mapping[str, Any]
    parsed: BaseModel | None = field(default=None, compare=False, repr=False)
    """``data`` already validated as its type's model, when the receiver did that (saves doing
    it again); None means ``project`` validates ``data`` itself."""


@dataclass(frozen=True)
class StageVisit:
    """A completed stay in a stage; ``owner_id`` is the owner when the stay ended."""

    stage_key: str
    entered_at: datetime
    left_at: datetime
    seconds: int
    owner_id: str


@dataclass(frozen=True)
class Ownership:
    owner_id: str
    start: datetime
    end: datetime | None


@dataclass(frozen=True)
class CloseDateChange:
    at: datetime
    old: date
    new: date

    @property
    def slipped(self) -> bool:
        return self.new > self.old


@dataclass(frozen=True)
class Loss:
    """How a deal was last lost: the reason's key and words, the stage it was lost from and the
    rep who owned it then."""

    reason_key: str
    reason_text: str | None
    stage_key: str
    owner_id: str


OTHER_REASON = "other"
"""A deal lost before reasons were kept as a list was lost for words alone: "other" with them."""


@dataclass(frozen=True)
class OpportunityView:
    id: str
    title: str
    customer_name: str
    pipeline_id: str
    team: str | None
    owner_id: str
    status: str
    stage_key: str
    stage_entered_at: datetime
    probability: int
    amount: Decimal
    currency: str
    expected_close_date: date
    source_id: str | None
    difficulty: Decimal
    is_new_customer: bool
    is_new_product: bool
    created_at: datetime
    closed_at: datetime | None
    sequence: int
    visits: tuple[StageVisit, ...] = ()
    ownership: tuple[Ownership, ...] = ()
    close_date_changes: tuple[CloseDateChange, ...] = ()
    reached_stages: frozenset[str] = field(default_factory=frozenset)
    loss: Loss | None = None
    """Set while the deal is lost (None once reopened)."""
    line_revenue: tuple[tuple[str, Decimal], ...] = ()
    """Its line items' totals per product line (in ``currency``), in the order first sold."""
    win_facts: bool = False
    """Won with the facts derived at the win (``opportunity.won``'s ``facts``): the appraisal
    policy's rules apply to it; False for an open or lost deal, or one won before."""
    difficulty_by_manager: bool = False
    """A manager set its difficulty: it stands instead of the policy's rules."""
    account_segment: str | None = None
    """Its account's segment at the win."""
    launch_age_days: int | None = None
    """Days from the latest launch (on or before the win) of a product it sold to the win."""

    @property
    def is_open(self) -> bool:
        return self.status == "OPEN"

    @property
    def won(self) -> bool:
        return self.status == "WON"

    @property
    def lost(self) -> bool:
        return self.status == "LOST"

    @property
    def cycle_seconds(self) -> int | None:
        if self.closed_at is None or self.is_open:
            return None
        return int((self.closed_at - self.created_at).total_seconds())

    @property
    def closed_late(self) -> bool:
        """Closed after the expected close date it carried at closing."""
        return (
            self.closed_at is not None
            and not self.is_open
            and self.closed_at.date() > self.expected_close_date
        )

    def days_overdue(self, today: date) -> int:
        return (today - self.expected_close_date).days if self.is_open else 0

    def seconds_owned_by(self, until: datetime) -> dict[str, int]:
        """Seconds each rep owned the opportunity from creation up to ``until``."""
        owned: dict[str, int] = {}
        for period in self.ownership:
            end = min(period.end or until, until)
            if end > period.start:
                owned[period.owner_id] = owned.get(period.owner_id, 0) + int(
                    (end - period.start).total_seconds()
                )
        return owned


def _parse(fact: Fact) -> tuple[OpportunitySnapshot, Any]:
    """The fact's snapshot and its typed payload (None for a type this code does not know yet);
    the payload holds the snapshot, so a known type is validated once."""
    event_type = EVENT_TYPES.get(fact.type)
    if event_type is None:
        payload = None
    elif isinstance(fact.parsed, event_type.model):
        payload = fact.parsed
    else:
        payload = event_type.model.model_validate(fact.data)
    snapshot = getattr(payload, "opportunity", None)
    if not isinstance(snapshot, OpportunitySnapshot):
        snapshot = OpportunitySnapshot.model_validate(fact.data["opportunity"])
    return snapshot, payload


def project(facts: Iterable[Fact]) -> OpportunityView:
    """Derive the read model from every fact known for one opportunity."""
    ordered = sorted(facts, key=lambda f: f.sequence)
    if not ordered:
        raise ValueError("an opportunity needs at least one fact")
    visits: list[StageVisit] = []
    changes: list[CloseDateChange] = []
    reached: set[str] = set()
    ownership: list[Ownership] = []
    loss: Loss | None = None
    won: OpportunityWon | None = None
    for index, (snapshot, payload) in enumerate(_parse(fact) for fact in ordered):
        reached.add(snapshot.stage.key)
        if isinstance(payload, OpportunityWon):
            won = payload
        if isinstance(payload, StageMove):
            reached.update((payload.from_stage.key, payload.to_stage.key))
            seconds = payload.seconds_in_previous_stage
            visits.append(
                StageVisit(
                    payload.from_stage.key,
                    payload.moved_at - timedelta(seconds=seconds),
                    payload.moved_at,
                    seconds,
                    snapshot.owner_id,
                )
            )
        if isinstance(payload, OpportunityLost):
            loss = Loss(
                payload.reason_key or OTHER_REASON,
                payload.reason_text if payload.reason_key else payload.reason,
                payload.from_stage.key,
                snapshot.owner_id,
            )
        elif isinstance(payload, OpportunityCloseDateChanged):
            changes.append(CloseDateChange(snapshot.updated_at, payload.old, payload.new))
        if index == 0:
            ownership.append(Ownership(snapshot.owner_id, snapshot.created_at, None))
        elif snapshot.owner_id != ownership[-1].owner_id:
            # An assignment dates the handover exactly; otherwise the snapshot's update time.
            at = payload.assigned_at if isinstance(payload, OpportunityAssigned) else snapshot.updated_at
            ownership[-1] = Ownership(ownership[-1].owner_id, ownership[-1].start, at)
            ownership.append(Ownership(snapshot.owner_id, at, None))
    if snapshot.closed_at is not None and snapshot.status != "OPEN":
        last = ownership[-1]
        ownership[-1] = Ownership(last.owner_id, last.start, snapshot.closed_at)
    return OpportunityView(
        id=snapshot.id,
        title=snapshot.title,
        customer_name=snapshot.customer_name,
        pipeline_id=snapshot.pipeline_id,
        team=snapshot.team,
        owner_id=snapshot.owner_id,
        status=snapshot.status.value,
        stage_key=snapshot.stage.key,
        stage_entered_at=snapshot.stage_entered_at,
        probability=snapshot.probability,
        amount=snapshot.value.amount,
        currency=snapshot.value.currency,
        expected_close_date=snapshot.expected_close_date,
        source_id=snapshot.source_id,
        difficulty=snapshot.difficulty,
        is_new_customer=snapshot.is_new_customer,
        is_new_product=snapshot.is_new_product,
        created_at=snapshot.created_at,
        closed_at=snapshot.closed_at if snapshot.status != "OPEN" else None,
        sequence=ordered[-1].sequence,
        visits=tuple(visits),
        ownership=tuple(ownership),
        close_date_changes=tuple(changes),
        reached_stages=frozenset(reached),
        loss=loss if snapshot.status == "LOST" else None,
        line_revenue=_line_revenue(snapshot),
        **_win_fields(snapshot, won),
    )


def _win_fields(snapshot: OpportunitySnapshot, won: OpportunityWon | None) -> dict[str, Any]:
    """What the policy's rules read of a win: the facts on its latest ``opportunity.won``."""
    # A figure other than the default was set by a manager even on events from before the flag.
    fields: dict[str, Any] = {
        "difficulty_by_manager": snapshot.difficulty_by_manager or snapshot.difficulty != Decimal(1)
    }
    if snapshot.status != "WON" or won is None or won.facts is None:
        return fields
    win_day = won.moved_at.date()
    ages = [
        (win_day - launch.launch_date).days
        for launch in won.facts.product_launches
        if launch.launch_date is not None and launch.launch_date <= win_day
    ]
    return fields | {
        "win_facts": True,
        "account_segment": won.facts.account_segment,
        "launch_age_days": min(ages) if ages else None,
    }


def _line_revenue(snapshot: OpportunitySnapshot) -> tuple[tuple[str, Decimal], ...]:
    by_line: dict[str, Decimal] = {}
    for line in snapshot.line_items:
        by_line[line.product_line] = by_line.get(line.product_line, Decimal(0)) + line.total.amount
    return tuple(by_line.items())

"""Small builders of opportunity facts for the unit tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from contracts.events._base import Actor, Money, OpportunityStatus, StageKind
from contracts.events.evidence import AssignmentReason, OpportunityAssigned
from contracts.events.opportunity import (
    OpportunityCloseDateChanged,
    OpportunityCreated,
    OpportunityLost,
    OpportunitySnapshot,
    OpportunityStageChanged,
    OpportunityUpdated,
    OpportunityWon,
    StageRef,
    WinFacts,
)
from services.reporting.domain.view import Fact

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
BY = Actor(user_id="u-admin")


def snapshot(**changes: Any) -> OpportunitySnapshot:
    base = OpportunitySnapshot(
        id="opp-1", title="ERP", customer_name="ACME", is_new_customer=False, is_new_product=False,
        owner_id="u-1", team="north", pipeline_id="p-1", stage=StageRef(key="discover", kind=StageKind.OPEN),
        stage_entered_at=T0, status=OpportunityStatus.OPEN, probability=10,
        value=Money(amount=Decimal("1000.00"), currency="TWD"), expected_close_date=date(2026, 4, 1),
        difficulty=Decimal("1"), created_at=T0, updated_at=T0, version=1,
    )  # fmt: skip
    return base.model_copy(update=changes)


class History:
    """Builds one opportunity's facts in order, advancing a clock."""

    def __init__(self, **initial: Any) -> None:
        self.now = T0
        self.snap = snapshot(**initial)
        self.facts = [
            Fact("opp-1", 1, "opportunity.created", _dump(OpportunityCreated(opportunity=self.snap, by=BY)))
        ]

    def _tick(self, days: float) -> None:
        self.now += timedelta(days=days)

    def _next(self, **changes: Any) -> OpportunitySnapshot:
        self.snap = self.snap.model_copy(
            update={"updated_at": self.now, "version": self.snap.version + 1, **changes}
        )
        return self.snap

    def _add(self, type: str, data: Any) -> History:
        self.facts.append(Fact("opp-1", self.snap.version, type, _dump(data)))
        return self

    def move(self, days: float, to: str, probability: int = 50) -> History:
        self._tick(days)
        before = self.snap
        after = self._next(stage=StageRef(key=to, kind=StageKind.OPEN), stage_entered_at=self.now,
                           probability=probability)  # fmt: skip
        seconds = int((self.now - before.stage_entered_at).total_seconds())
        return self._add("opportunity.stage_changed", OpportunityStageChanged(
            opportunity=after, by=BY, from_stage=before.stage, to_stage=after.stage, moved_at=self.now,
            seconds_in_previous_stage=seconds, probability=probability))  # fmt: skip

    def win(self, days: float, facts: WinFacts | None = None) -> History:
        self._tick(days)
        before = self.snap
        after = self._next(stage=StageRef(key="won", kind=StageKind.WON), stage_entered_at=self.now,
                           probability=100, status=OpportunityStatus.WON, closed_at=self.now)  # fmt: skip
        seconds = int((self.now - before.stage_entered_at).total_seconds())
        return self._add("opportunity.won", OpportunityWon(
            opportunity=after, by=BY, from_stage=before.stage, to_stage=after.stage, moved_at=self.now,
            seconds_in_previous_stage=seconds, probability=100, facts=facts))  # fmt: skip

    def lose(self, days: float, reason: str, key: str | None = None, text: str | None = None) -> History:
        """``key`` None: an event from before lost reasons were a list (its words only)."""
        self._tick(days)
        before = self.snap
        after = self._next(stage=StageRef(key="lost", kind=StageKind.LOST), stage_entered_at=self.now,
                           probability=0, status=OpportunityStatus.LOST, closed_at=self.now,
                           lost_reason=text, lost_reason_key=key)  # fmt: skip
        seconds = int((self.now - before.stage_entered_at).total_seconds())
        return self._add("opportunity.lost", OpportunityLost(
            opportunity=after, by=BY, from_stage=before.stage, to_stage=after.stage, moved_at=self.now,
            seconds_in_previous_stage=seconds, probability=0, reason=reason, reason_key=key,
            reason_text=text))  # fmt: skip

    def close_date(self, days: float, new: date) -> History:
        self._tick(days)
        old = self.snap.expected_close_date
        after = self._next(expected_close_date=new)
        return self._add("opportunity.close_date_changed",
                         OpportunityCloseDateChanged(opportunity=after, by=BY, old=old, new=new))  # fmt: skip

    def reassign_by_edit(self, days: float, owner: str) -> History:
        self._tick(days)
        after = self._next(owner_id=owner)
        return self._add("opportunity.updated", OpportunityUpdated(opportunity=after, by=BY, changes=[]))

    def assign(self, days: float, owner: str, assigned_at: datetime) -> History:
        self._tick(days)
        before = self.snap.owner_id
        after = self._next(owner_id=owner)
        return self._add("opportunity.assigned", OpportunityAssigned(
            opportunity=after, by=BY, from_owner_id=before, to_owner_id=owner, reason=AssignmentReason.HANDOVER,
            assigned_at=assigned_at))  # fmt: skip


def _dump(model: Any) -> dict[str, Any]:
    return model.model_dump(mode="json")

"""What an opportunity remembers: stage moves, close-date changes and probability overrides.

Each move stores the stage keys *and* the names they had at the time, so renaming, reordering
or retiring a stage never rewrites the past.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from services.opportunity.domain.pipeline import Stage, StageKind


@dataclass(frozen=True)
class StageRef:
    """A stage as it was when an opportunity entered it."""

    key: str
    name_zh: str
    name_en: str
    kind: StageKind

    @classmethod
    def of(cls, stage: Stage) -> StageRef:
        return cls(stage.key, stage.name_zh, stage.name_en, stage.kind)


@dataclass(frozen=True)
class StageChange:
    """One move; the first entry of a history has no ``from_stage`` (the opportunity was created)."""

    from_stage: StageRef | None
    to_stage: StageRef
    at: datetime
    by: str
    note: str | None = None


@dataclass(frozen=True)
class DifficultyChange:
    """A manager's adjustment of a deal's difficulty, with why."""

    before: Decimal
    after: Decimal
    at: datetime
    by: str
    reason: str


@dataclass(frozen=True)
class StageVisit:
    """A stay in one stage: entered at ``entered_at``, left at ``left_at`` (None: still there)."""

    stage: StageRef
    entered_at: datetime
    left_at: datetime | None
    entered_by: str
    note: str | None

    def duration_seconds(self, now: datetime) -> int:
        return max(0, int(((self.left_at or now) - self.entered_at).total_seconds()))


def visits(history: Sequence[StageChange]) -> list[StageVisit]:
    """Turn the move log into stays; a stage visited twice appears twice."""
    result: list[StageVisit] = []
    for i, change in enumerate(history):
        left = history[i + 1].at if i + 1 < len(history) else None
        result.append(StageVisit(change.to_stage, change.at, left, change.by, change.note))
    return result


@dataclass(frozen=True)
class CloseDateChange:
    old: date | None
    new: date
    at: datetime
    by: str
    reason: str | None = None


@dataclass(frozen=True)
class ProbabilityChange:
    """A user override set (``after`` a number) or cleared (``after`` None)."""

    before: int | None
    after: int | None
    at: datetime
    by: str


@dataclass(frozen=True)
class AccountChange:
    """The opportunity's account or contacts changed: linked by a user, migrated from the
    customer name, or moved by a merge (``reason``). ``merged_from`` names the merged record."""

    old_account_id: str | None
    new_account_id: str | None
    at: datetime
    by: str
    reason: str
    summary: str
    merged_from: str | None = None

"""The filter every report takes: a period, a pipeline and a team."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from services.reporting.domain.errors import InvalidPeriod
from services.reporting.domain.view import OpportunityView


@dataclass(frozen=True)
class ReportFilter:
    """``start`` inclusive, ``end`` exclusive, time-zone aware and kept in UTC (calendar days,
    such as expected close dates, are UTC days); ``None`` leaves that side open."""

    start: datetime | None = None
    end: datetime | None = None
    pipeline_id: str | None = None
    team: str | None = None

    def __post_init__(self) -> None:
        for bound in (self.start, self.end):
            if bound is not None and bound.tzinfo is None:
                raise InvalidPeriod("Period bounds must carry a time zone (UTC).")
        for name in ("start", "end"):
            bound = getattr(self, name)
            if bound is not None and bound.tzinfo is not UTC:
                object.__setattr__(self, name, bound.astimezone(UTC))
        if self.start and self.end and self.start >= self.end:
            raise InvalidPeriod("The period must start before it ends.", {"start": str(self.start)})

    def in_scope(self, view: OpportunityView) -> bool:
        """Whether the opportunity belongs to the filtered pipeline and team."""
        return (self.pipeline_id is None or view.pipeline_id == self.pipeline_id) and (
            self.team is None or view.team == self.team
        )

    def contains(self, moment: datetime | None) -> bool:
        if moment is None:
            return False
        return (self.start is None or moment >= self.start) and (self.end is None or moment < self.end)

    def contains_day(self, day: date) -> bool:
        """Whether a calendar day (an expected close date) falls in the period."""
        return (self.start is None or day >= self.start.date()) and (
            self.end is None or day < self.end.date()
        )

    def overlaps(self, start: datetime, end: datetime | None) -> bool:
        return (self.end is None or start < self.end) and (
            end is None or self.start is None or end > self.start
        )

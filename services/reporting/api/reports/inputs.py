"""The filter input every report query takes."""

from __future__ import annotations

from datetime import datetime

import strawberry

from services.reporting.domain.filters import ReportFilter


@strawberry.input(description="Period (from inclusive, to exclusive, UTC), pipeline and team.")
class ReportFilterInput:
    start: datetime | None = strawberry.field(default=None, name="from")
    end: datetime | None = strawberry.field(default=None, name="to")
    pipeline_id: strawberry.ID | None = None
    team: str | None = None

    def to_domain(self) -> ReportFilter:
        return ReportFilter(self.start, self.end, self.pipeline_id, self.team)


def to_filter(value: ReportFilterInput | None) -> ReportFilter:
    return value.to_domain() if value is not None else ReportFilter()

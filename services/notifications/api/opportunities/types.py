"""The batch view's rows, from this service's copy of the opportunities."""

from __future__ import annotations

from datetime import date

import strawberry

from services.notifications.domain.model import OpportunityCopy


@strawberry.type
class ClosingOpportunity:
    id: strawberry.ID
    title: str
    owner_id: strawberry.ID
    team: str | None
    pipeline_id: strawberry.ID
    stage_key: str
    expected_close_date: date
    days_left: int

    @classmethod
    def from_domain(cls, o: OpportunityCopy, today: date) -> ClosingOpportunity:
        return cls(
            id=strawberry.ID(o.id),
            title=o.title,
            owner_id=strawberry.ID(o.owner_id),
            team=o.team,
            pipeline_id=strawberry.ID(o.pipeline_id),
            stage_key=o.stage_key,
            expected_close_date=o.expected_close_date,
            days_left=(o.expected_close_date - today).days,
        )

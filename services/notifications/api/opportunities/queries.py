"""The batch view: open opportunities closing within N days."""

from __future__ import annotations

import strawberry

from services.notifications.api.context import Context
from services.notifications.api.opportunities.permissions import viewer
from services.notifications.api.opportunities.types import ClosingOpportunity


@strawberry.type
class OpportunityQueries:
    @strawberry.field(
        description="Open opportunities whose expected close date is from today to `days` days ahead, soonest first."
    )
    async def opportunities_closing_within(
        self, info: strawberry.Info[Context, None], days: int
    ) -> list[ClosingOpportunity]:
        rows = await info.context.alerts.closing_within(viewer(info), days)
        today = await info.context.alerts.today()
        return [ClosingOpportunity.from_domain(o, today) for o in rows]

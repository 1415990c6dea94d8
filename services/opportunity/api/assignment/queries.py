"""Assignment queries: an opportunity's owner history."""

from __future__ import annotations

import strawberry

from services.opportunity.api.assignment.permissions import AUTHENTICATED
from services.opportunity.api.assignment.types import AssignmentEntry
from services.opportunity.api.context import Info
from services.opportunity.application.read_opportunities import get_opportunity
from services.opportunity.domain.assignment import with_initial


@strawberry.type
class AssignmentQueries:
    @strawberry.field(permission_classes=AUTHENTICATED, description="Every owner change, oldest first.")
    async def assignment_history(self, info: Info, opportunity_id: strawberry.ID) -> list[AssignmentEntry]:
        ctx = info.context
        opportunity = await get_opportunity(opportunity_id, ctx.identity, ctx.ports)  # visibility
        stored = await ctx.work.assignments.history(opportunity_id)
        return [AssignmentEntry.from_domain(e) for e in with_initial(opportunity, stored)]

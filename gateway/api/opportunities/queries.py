"""Reading opportunities: one, or a page of those the caller may see."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from gateway.api.common.permissions import IsSignedIn
from gateway.api.common.selection import node_fields
from gateway.api.context import Context
from gateway.api.opportunities.inputs import OpportunityFilter
from gateway.api.opportunities.types import (
    ClosingOpportunity,
    Opportunity,
    OpportunityConnection,
    OpportunityOrder,
)
from gateway.api.raw import served, to_variables
from gateway.application import opportunity_pages


@strawberry.type
class OpportunityQueries:
    @strawberry.field(description="One opportunity you may see.")
    async def opportunity(self, info: Info[Context, None], id: strawberry.ID) -> Opportunity:
        # The service answers only one the caller may read (a deal of their account included),
        # else NOT_FOUND, so ids do not leak.
        return served(await info.context.loaders.apis.opportunity.get(info.context.caller, str(id)))

    @strawberry.field(
        description="A page of the opportunities you may see (reps: their own; managers: their team's)."
    )
    async def opportunities(
        self,
        info: Info[Context, None],
        filter: OpportunityFilter | None = None,
        order_by: OpportunityOrder = OpportunityOrder.CREATED_AT_DESC,
        first: int = 50,
        after: str | None = None,
    ) -> OpportunityConnection:
        variables = to_variables(filter) if filter is not None else {}
        page = await opportunity_pages.scoped_page(
            info.context.loaders, info.context.caller, variables, order_by.value, first, after,
            node_fields(info),
        )  # fmt: skip
        return served(page)

    @strawberry.field(
        permission_classes=[IsSignedIn],
        description=(
            "Open opportunities you may see closing from today to `days` days ahead (today in the "
            "organisation's time zone, the alert settings'), soonest first; at most 500."
        ),
    )
    async def opportunities_closing_within(
        self, info: Info[Context, None], days: int
    ) -> list[ClosingOpportunity]:
        apis = info.context.loaders.apis
        closing = await opportunity_pages.closing_within(
            apis.opportunity, apis.notifications, info.context.caller, days
        )
        return [ClosingOpportunity.of(node, closing.today) for node in closing.nodes]

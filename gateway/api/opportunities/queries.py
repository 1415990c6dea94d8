"""Reading opportunities: one, or a page of those the caller may see."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import strawberry
from strawberry.types import Info

from gateway.adapters.services import ServiceError
from gateway.api.common.permissions import IsSignedIn
from gateway.api.context import Context
from gateway.api.loaders import PageKey
from gateway.api.opportunities.inputs import OpportunityFilter
from gateway.api.opportunities.selection import node_fields, service_selection
from gateway.api.opportunities.types import (
    ClosingOpportunity,
    Opportunity,
    OpportunityConnection,
    OpportunityOrder,
)
from gateway.api.raw import served, to_variables
from gateway.domain.access import opportunity_scope

MAX_CLOSING_DAYS = 365
MAX_CLOSING_ROWS = 500
CLOSING = "id title ownerId team pipelineId stage { key } expectedCloseDate"
_EMPTY_PAGE = {"nodes": [], "pageInfo": {"hasNextPage": False, "endCursor": None}, "totalCount": 0}


async def scoped_page(
    info: Info[Context, None], filter: dict[str, Any], order_by: str, first: int, after: str | None
) -> Any:
    """A page narrowed to what the caller's role may see, whatever filter they asked for."""
    scope = opportunity_scope(info.context.caller)
    narrowed = dict(filter)
    for key, forced in (("ownerId", scope.owner_id), ("team", scope.team)):
        if forced is None:
            continue
        if narrowed.get(key) not in (None, forced):
            return served(_EMPTY_PAGE)  # asked for someone else's: nothing to show
        narrowed[key] = forced
    fields = node_fields(info)
    loaders = info.context.loaders
    # Through a loader: the pages of many parents (each user's opportunities) go as one call.
    page, _ = await asyncio.gather(
        loaders.pages.load(PageKey.of(narrowed, order_by, first, after, service_selection(fields))),
        loaders.prefetch_catalogue("owner" in fields, "pipeline" in fields, "source" in fields),
    )
    if "pendingAlertCount" in fields:
        await loaders.prefetch(loaders.pending_alert_count, [node["id"] for node in page["nodes"]])
    return served(page)


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
        return await scoped_page(info, variables, order_by.value, first, after)

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
        if not 0 <= days <= MAX_CLOSING_DAYS:
            raise ServiceError(
                "BAD_USER_INPUT", f"days must be between 0 and {MAX_CLOSING_DAYS}.", {"field": "days"}
            )
        return await closing_within(info.context, days)


async def closing_within(context: Context, days: int) -> list[ClosingOpportunity]:
    """The opportunity service's list (it applies the caller's visibility), from today in the
    organisation's zone, which the notifications service keeps with the alert settings."""
    apis = context.loaders.apis
    settings = await apis.notifications.alert_settings(context.caller)
    today = datetime.now(ZoneInfo(settings.timeZone)).date()
    last = today + timedelta(days=days)
    window = {"status": "OPEN", "closeDateFrom": today.isoformat(), "closeDateTo": last.isoformat()}
    rows: list[ClosingOpportunity] = []
    after: str | None = None
    while len(rows) < MAX_CLOSING_ROWS:
        page = await apis.opportunity.page(
            context.caller, filter=window, order_by=OpportunityOrder.EXPECTED_CLOSE_DATE_ASC.value,
            first=min(200, MAX_CLOSING_ROWS - len(rows)), after=after, selection=CLOSING,
        )  # fmt: skip
        rows += [ClosingOpportunity.of(node, today) for node in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    return rows

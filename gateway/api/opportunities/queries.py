"""Reading opportunities: one, or a page of those the caller may see."""

from __future__ import annotations

import asyncio
from typing import Any

import strawberry
from strawberry.types import Info

from gateway.api.context import Context
from gateway.api.opportunities.inputs import OpportunityFilter
from gateway.api.opportunities.permissions import visible_opportunity
from gateway.api.opportunities.types import Opportunity, OpportunityConnection, OpportunityOrder
from gateway.api.raw import served, to_variables
from gateway.domain.access import opportunity_scope

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
    wanted = _node_fields(info)
    loaders = info.context.loaders
    page, _ = await asyncio.gather(
        loaders.apis.opportunity.page(
            info.context.caller, filter=narrowed, order_by=order_by, first=first, after=after
        ),
        loaders.prefetch_catalogue("owner" in wanted, "pipeline" in wanted, "source" in wanted),
    )
    return served(page)


def _node_fields(info: Info[Context, None]) -> set[str]:
    """The fields asked of each node of the page (fragments included)."""
    names: set[str] = set()

    def walk(selections: Any, inside_nodes: bool) -> None:
        for selection in selections:
            children = getattr(selection, "selections", None) or []
            name = getattr(selection, "name", None)
            if inside_nodes and name:
                names.add(name)
            walk(children, inside_nodes or name == "nodes")

    for field in info.selected_fields:
        walk(field.selections, False)
    return names


@strawberry.type
class OpportunityQueries:
    @strawberry.field(description="One opportunity you may see.")
    async def opportunity(self, info: Info[Context, None], id: strawberry.ID) -> Opportunity:
        return await visible_opportunity(info, str(id))

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

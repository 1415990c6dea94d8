from __future__ import annotations

from typing import Any

import strawberry
from strawberry.permission import BasePermission
from strawberry.types import Info

from gateway.api.assignments.types import (
    AssignmentResult,
    AssignOpportunitiesInput,
    AssignOpportunityInput,
    DistributeOpportunitiesInput,
    HandOverOpportunitiesInput,
    HandoverResult,
)
from gateway.api.common.permissions import IsManagerOrAdmin
from gateway.api.context import Context
from gateway.api.opportunities.types import Opportunity
from gateway.api.raw import served, to_variables
from gateway.application.assignments import check_may_assign_to

MANAGERS: list[type[BasePermission]] = [IsManagerOrAdmin]


async def _forward(info: Info[Context, None], name: str, payload: Any) -> Any:
    api = info.context.loaders.apis.opportunity
    return served(await api.mutate(info.context.caller, name, to_variables(payload)))


@strawberry.type
class AssignmentMutations:
    @strawberry.mutation(
        permission_classes=MANAGERS, description="Give one opportunity to a rep of your team."
    )
    async def assign_opportunity(
        self, info: Info[Context, None], input: AssignOpportunityInput
    ) -> Opportunity:
        await check_may_assign_to(info.context.loaders.user, info.context.caller, [str(input.to_user_id)])
        return await _forward(info, "assignOpportunity", input)

    @strawberry.mutation(permission_classes=MANAGERS, description="Give many opportunities to one rep.")
    async def assign_opportunities(
        self, info: Info[Context, None], input: AssignOpportunitiesInput
    ) -> AssignmentResult:
        await check_may_assign_to(info.context.loaders.user, info.context.caller, [str(input.to_user_id)])
        return await _forward(info, "assignOpportunities", input)

    @strawberry.mutation(
        permission_classes=MANAGERS, description="Spread a batch (a trade show's cards) across reps."
    )
    async def distribute_opportunities(
        self, info: Info[Context, None], input: DistributeOpportunitiesInput
    ) -> AssignmentResult:
        await check_may_assign_to(
            info.context.loaders.user, info.context.caller, [str(u) for u in input.user_ids]
        )
        return await _forward(info, "distributeOpportunities", input)

    @strawberry.mutation(
        permission_classes=MANAGERS, description="Hand a leaving rep's open opportunities to successors."
    )
    async def hand_over_opportunities(
        self, info: Info[Context, None], input: HandOverOpportunitiesInput
    ) -> HandoverResult:
        await check_may_assign_to(
            info.context.loaders.user,
            info.context.caller,
            [str(input.from_user_id), *(str(u) for u in input.to_user_ids)],
        )
        return await _forward(info, "handOverOpportunities", input)

"""Changing opportunities: forwarded to the opportunity service with the caller's identity; it
decides whether the caller may change the opportunity, validates and records the change with its
event."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.permission import BasePermission
from strawberry.types import Info

from gateway.api.common.permissions import IsSignedIn
from gateway.api.context import Context
from gateway.api.opportunities.inputs import (
    ChangeExpectedCloseDateInput,
    CreateOpportunityInput,
    MoveOpportunityStageInput,
    ReopenOpportunityInput,
    SetLineItemsInput,
    SetProbabilityOverrideInput,
    UpdateOpportunityInput,
)
from gateway.api.opportunities.types import Opportunity
from gateway.api.raw import served, to_variables

SIGNED_IN: list[type[BasePermission]] = [IsSignedIn]


async def _forward(info: Info[Context, None], name: str, payload: Any) -> Any:
    result = await info.context.loaders.apis.opportunity.mutate(
        info.context.caller, name, to_variables(payload)
    )
    return served(result)


async def _change(info: Info[Context, None], name: str, payload: Any) -> Any:
    return await _forward(info, name, payload)


@strawberry.type
class OpportunityMutations:
    @strawberry.mutation(
        permission_classes=SIGNED_IN, description="Reps create their own; managers for their team."
    )
    async def create_opportunity(
        self, info: Info[Context, None], input: CreateOpportunityInput
    ) -> Opportunity:
        return await _forward(info, "createOpportunity", input)

    @strawberry.mutation(permission_classes=SIGNED_IN)
    async def update_opportunity(
        self, info: Info[Context, None], input: UpdateOpportunityInput
    ) -> Opportunity:
        return await _change(info, "updateOpportunity", input)

    @strawberry.mutation(permission_classes=SIGNED_IN, description="Forward, back, or close (won/lost).")
    async def move_opportunity_stage(
        self, info: Info[Context, None], input: MoveOpportunityStageInput
    ) -> Opportunity:
        return await _change(info, "moveOpportunityStage", input)

    @strawberry.mutation(
        permission_classes=SIGNED_IN, description="Move a won or lost opportunity back to an open stage."
    )
    async def reopen_opportunity(
        self, info: Info[Context, None], input: ReopenOpportunityInput
    ) -> Opportunity:
        return await _change(info, "reopenOpportunity", input)

    @strawberry.mutation(permission_classes=SIGNED_IN)
    async def change_expected_close_date(
        self, info: Info[Context, None], input: ChangeExpectedCloseDateInput
    ) -> Opportunity:
        return await _change(info, "changeExpectedCloseDate", input)

    @strawberry.mutation(permission_classes=SIGNED_IN)
    async def set_probability_override(
        self, info: Info[Context, None], input: SetProbabilityOverrideInput
    ) -> Opportunity:
        return await _change(info, "setProbabilityOverride", input)

    @strawberry.mutation(
        permission_classes=SIGNED_IN,
        description="Set what the deal sells (catalogue products); its amount becomes their sum.",
    )
    async def set_line_items(self, info: Info[Context, None], input: SetLineItemsInput) -> Opportunity:
        return await _change(info, "setLineItems", input)

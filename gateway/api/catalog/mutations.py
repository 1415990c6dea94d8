"""Defining pipelines and sources: administrators only."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.permission import BasePermission
from strawberry.types import Info

from gateway.api.catalog.inputs import (
    AddLostReasonInput,
    AddStageInput,
    CreatePipelineInput,
    ReorderStagesInput,
    RetireLostReasonInput,
    RetireStageInput,
    SourceInput,
    UpdateLostReasonInput,
    UpdatePipelineInput,
    UpdateStageInput,
)
from gateway.api.catalog.types import Pipeline, Source
from gateway.api.common.permissions import IsAdmin
from gateway.api.context import Context
from gateway.api.raw import served, to_variables

ADMIN: list[type[BasePermission]] = [IsAdmin]


async def _pipeline(info: Info[Context, None], name: str, payload: Any) -> Any:
    api = info.context.loaders.apis.opportunity
    return served(await api.mutate(info.context.caller, name, to_variables(payload)))


@strawberry.type
class CatalogMutations:
    @strawberry.mutation(permission_classes=ADMIN)
    async def create_pipeline(self, info: Info[Context, None], input: CreatePipelineInput) -> Pipeline:
        return await _pipeline(info, "createPipeline", input)

    @strawberry.mutation(permission_classes=ADMIN)
    async def add_stage(self, info: Info[Context, None], input: AddStageInput) -> Pipeline:
        return await _pipeline(info, "addStage", input)

    @strawberry.mutation(permission_classes=ADMIN, description="Rename a stage or change its defaults.")
    async def update_stage(self, info: Info[Context, None], input: UpdateStageInput) -> Pipeline:
        return await _pipeline(info, "updateStage", input)

    @strawberry.mutation(permission_classes=ADMIN)
    async def reorder_stages(self, info: Info[Context, None], input: ReorderStagesInput) -> Pipeline:
        return await _pipeline(info, "reorderStages", input)

    @strawberry.mutation(permission_classes=ADMIN, description="Stop offering a stage; history keeps it.")
    async def retire_stage(self, info: Info[Context, None], input: RetireStageInput) -> Pipeline:
        return await _pipeline(info, "retireStage", input)

    @strawberry.mutation(permission_classes=ADMIN, description="Offer another reason for losing a deal.")
    async def add_lost_reason(self, info: Info[Context, None], input: AddLostReasonInput) -> Pipeline:
        return await _pipeline(info, "addLostReason", input)

    @strawberry.mutation(permission_classes=ADMIN, description="Rename a lost reason.")
    async def update_lost_reason(self, info: Info[Context, None], input: UpdateLostReasonInput) -> Pipeline:
        return await _pipeline(info, "updateLostReason", input)

    @strawberry.mutation(
        permission_classes=ADMIN, description='Stop offering a lost reason ("other" stays); history keeps it.'
    )
    async def retire_lost_reason(self, info: Info[Context, None], input: RetireLostReasonInput) -> Pipeline:
        return await _pipeline(info, "retireLostReason", input)

    @strawberry.mutation(permission_classes=ADMIN)
    async def update_pipeline(self, info: Info[Context, None], input: UpdatePipelineInput) -> Pipeline:
        return await _pipeline(info, "updatePipeline", input)

    @strawberry.mutation(permission_classes=ADMIN)
    async def create_source(self, info: Info[Context, None], input: SourceInput) -> Source:
        api = info.context.loaders.apis.opportunity
        return served(await api.create_source(info.context.caller, to_variables(input)))

    @strawberry.mutation(permission_classes=ADMIN)
    async def update_source(
        self, info: Info[Context, None], id: strawberry.ID, expected_version: int, input: SourceInput
    ) -> Source:
        api = info.context.loaders.apis.opportunity
        result = await api.update_source(info.context.caller, str(id), expected_version, to_variables(input))
        return served(result)

"""Pipeline mutations (admins only; the rule lives in the use cases)."""

from __future__ import annotations

import strawberry

from services.opportunity.api.context import Info
from services.opportunity.api.permissions import AUTHENTICATED
from services.opportunity.api.pipelines.types import Pipeline
from services.opportunity.application import pipelines as uc
from services.opportunity.domain.lost_reasons import LostReason
from services.opportunity.domain.pipeline import DEFAULT_ALERT_DAYS, StageKind
from services.opportunity.domain.pipeline import Stage as DomainStage


@strawberry.input
class StageInput:
    key: str = strawberry.field(description="Lowercase letters, digits, _; never reused in the pipeline.")
    name_zh: str
    name_en: str
    probability: int
    kind: StageKind = StageKind.OPEN
    rotting_days: int | None = None

    def to_domain(self) -> DomainStage:
        return DomainStage(
            key=self.key, name_zh=self.name_zh, name_en=self.name_en, probability=self.probability,
            kind=self.kind, rotting_days=self.rotting_days,
        )  # fmt: skip


@strawberry.input
class CreatePipelineInput:
    name: str
    stages: list[StageInput]
    alert_days_before_close: int = DEFAULT_ALERT_DAYS


@strawberry.input
class AddStageInput:
    pipeline_id: strawberry.ID
    expected_version: int
    stage: StageInput
    position: int | None = strawberry.field(default=None, description="0-based; the end when omitted.")


@strawberry.input
class UpdateStageInput:
    pipeline_id: strawberry.ID
    expected_version: int
    key: str
    name_zh: str | None = None
    name_en: str | None = None
    probability: int | None = None
    rotting_days: int | None = None
    clear_rotting_days: bool = False


@strawberry.input
class ReorderStagesInput:
    pipeline_id: strawberry.ID
    expected_version: int
    stage_keys: list[str] = strawberry.field(
        description="Every stage key, retired ones too, in the new order."
    )


@strawberry.input
class RetireStageInput:
    pipeline_id: strawberry.ID
    expected_version: int
    key: str


@strawberry.input
class AddLostReasonInput:
    pipeline_id: strawberry.ID
    expected_version: int
    key: str = strawberry.field(description="Lowercase letters, digits, _; never reused in the pipeline.")
    name_zh: str
    name_en: str


@strawberry.input
class UpdateLostReasonInput:
    pipeline_id: strawberry.ID
    expected_version: int
    key: str
    name_zh: str | None = None
    name_en: str | None = None


@strawberry.input
class RetireLostReasonInput:
    pipeline_id: strawberry.ID
    expected_version: int
    key: str


@strawberry.input
class UpdatePipelineInput:
    pipeline_id: strawberry.ID
    expected_version: int
    name: str | None = None
    alert_days_before_close: int | None = None


@strawberry.type
class PipelineMutations:
    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def create_pipeline(self, info: Info, input: CreatePipelineInput) -> Pipeline:
        cmd = uc.CreatePipeline(
            name=input.name, stages=[s.to_domain() for s in input.stages],
            alert_days_before_close=input.alert_days_before_close,
        )  # fmt: skip
        return Pipeline.from_domain(await uc.create_pipeline(cmd, info.context.identity, info.context.ports))

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def add_stage(self, info: Info, input: AddStageInput) -> Pipeline:
        ctx = info.context
        p = await uc.add_stage(
            input.pipeline_id,
            input.expected_version,
            input.stage.to_domain(),
            input.position,
            ctx.identity,
            ctx.ports,
        )
        return Pipeline.from_domain(p)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="Rename a stage or change its defaults."
    )
    async def update_stage(self, info: Info, input: UpdateStageInput) -> Pipeline:
        edits = uc.StageEdits(
            name_zh=input.name_zh, name_en=input.name_en, probability=input.probability,
            rotting_days=input.rotting_days, clear_rotting=input.clear_rotting_days,
        )  # fmt: skip
        ctx = info.context
        p = await uc.update_stage(
            input.pipeline_id, input.expected_version, input.key, edits, ctx.identity, ctx.ports
        )
        return Pipeline.from_domain(p)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def reorder_stages(self, info: Info, input: ReorderStagesInput) -> Pipeline:
        ctx = info.context
        p = await uc.reorder_stages(
            input.pipeline_id, input.expected_version, input.stage_keys, ctx.identity, ctx.ports
        )
        return Pipeline.from_domain(p)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="Stop offering a stage; history keeps it."
    )
    async def retire_stage(self, info: Info, input: RetireStageInput) -> Pipeline:
        ctx = info.context
        p = await uc.retire_stage(
            input.pipeline_id, input.expected_version, input.key, ctx.identity, ctx.ports
        )
        return Pipeline.from_domain(p)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="Offer another reason for losing a deal."
    )
    async def add_lost_reason(self, info: Info, input: AddLostReasonInput) -> Pipeline:
        ctx = info.context
        reason = LostReason(input.key, input.name_zh, input.name_en)
        p = await uc.add_lost_reason(
            input.pipeline_id, input.expected_version, reason, ctx.identity, ctx.ports
        )
        return Pipeline.from_domain(p)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Rename a lost reason.")
    async def update_lost_reason(self, info: Info, input: UpdateLostReasonInput) -> Pipeline:
        ctx = info.context
        p = await uc.rename_lost_reason(
            input.pipeline_id, input.expected_version, input.key, ctx.identity, ctx.ports,
            name_zh=input.name_zh, name_en=input.name_en,
        )  # fmt: skip
        return Pipeline.from_domain(p)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description='Stop offering a lost reason ("other" stays); history keeps it.',
    )
    async def retire_lost_reason(self, info: Info, input: RetireLostReasonInput) -> Pipeline:
        ctx = info.context
        p = await uc.retire_lost_reason(
            input.pipeline_id, input.expected_version, input.key, ctx.identity, ctx.ports
        )
        return Pipeline.from_domain(p)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def update_pipeline(self, info: Info, input: UpdatePipelineInput) -> Pipeline:
        ctx = info.context
        p = await uc.change_settings(
            input.pipeline_id, input.expected_version, ctx.identity, ctx.ports, name=input.name,
            alert_days_before_close=input.alert_days_before_close,
        )  # fmt: skip
        return Pipeline.from_domain(p)

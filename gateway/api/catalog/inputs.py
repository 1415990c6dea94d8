"""What an administrator sends to define pipelines, stages and lead sources."""

from __future__ import annotations

import strawberry

from gateway.api.catalog.types import SourceCostKind, SourceKind
from gateway.api.common.types import StageKind
from gateway.api.scalars import Date, Decimal

UNSET = strawberry.UNSET


@strawberry.input
class StageInput:
    key: str = strawberry.field(description="Lowercase letters, digits, _; never reused in the pipeline.")
    name_zh: str
    name_en: str
    probability: int
    kind: StageKind = StageKind.OPEN
    rotting_days: int | None = UNSET


@strawberry.input
class CreatePipelineInput:
    name: str
    stages: list[StageInput]
    alert_days_before_close: int = 7


@strawberry.input
class AddStageInput:
    pipeline_id: strawberry.ID
    expected_version: int
    stage: StageInput
    position: int | None = strawberry.field(default=UNSET, description="0-based; the end when omitted.")


@strawberry.input
class UpdateStageInput:
    pipeline_id: strawberry.ID
    expected_version: int
    key: str
    name_zh: str | None = UNSET
    name_en: str | None = UNSET
    probability: int | None = UNSET
    rotting_days: int | None = UNSET
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
    name_zh: str | None = UNSET
    name_en: str | None = UNSET


@strawberry.input
class RetireLostReasonInput:
    pipeline_id: strawberry.ID
    expected_version: int
    key: str


@strawberry.input
class UpdatePipelineInput:
    pipeline_id: strawberry.ID
    expected_version: int
    name: str | None = UNSET
    alert_days_before_close: int | None = UNSET


@strawberry.input(description="One cost: on a day (startsOn), or spread evenly over startsOn to endsOn.")
class SourceCostInput:
    kind: SourceCostKind
    amount: Decimal
    currency: str
    starts_on: Date
    ends_on: Date | None = None


@strawberry.input
class SourceInput:
    name: str | None = UNSET
    kind: SourceKind | None = UNSET
    starts_on: Date | None = UNSET
    ends_on: Date | None = UNSET
    cost_amount: Decimal | None = UNSET
    cost_currency: str | None = UNSET
    costs: list[SourceCostInput] | None = strawberry.field(
        default=UNSET, description="Every dated cost, replacing those kept (the listed ones included)."
    )

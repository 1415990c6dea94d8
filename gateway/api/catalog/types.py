"""Pipelines with their stages, and lead sources."""

from __future__ import annotations

from enum import Enum

import strawberry

from gateway.api.common.types import Money, StageKind
from gateway.api.scalars import Date, DateTime


@strawberry.type
class Stage:
    key: str
    name_zh: str
    name_en: str
    probability: int = strawberry.field(description="Default win probability, percent.")
    kind: StageKind
    position: int
    rotting_days: int | None
    retired: bool


@strawberry.type
class LostReason:
    key: str
    name_zh: str
    name_en: str
    retired: bool


@strawberry.type
class Pipeline:
    id: strawberry.ID
    name: str
    alert_days_before_close: int
    is_default: bool
    version: int
    created_at: DateTime
    updated_at: DateTime
    stages: list[Stage] = strawberry.field(description="In order, retired stages included.")
    lost_reasons: list[LostReason] = strawberry.field(
        description='Why its deals may be lost, retired ones included; "other" (with words) is always offered.'
    )


@strawberry.enum
class SourceKind(Enum):
    TRADE_SHOW = "TRADE_SHOW"
    EXCHANGE_MEETING = "EXCHANGE_MEETING"
    EXPO = "EXPO"
    OVERSEAS_EXHIBITION = "OVERSEAS_EXHIBITION"
    ONLINE_REGISTRATION = "ONLINE_REGISTRATION"
    REFERRAL = "REFERRAL"
    OTHER = "OTHER"


@strawberry.type
class Source:
    id: strawberry.ID
    name: str
    kind: SourceKind
    starts_on: Date | None
    ends_on: Date | None
    cost: Money | None
    version: int

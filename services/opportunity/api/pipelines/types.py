"""GraphQL types of pipelines and their stages."""

from __future__ import annotations

from datetime import datetime

import strawberry

from services.opportunity.domain.lost_reasons import LostReason as DomainLostReason
from services.opportunity.domain.pipeline import Pipeline as DomainPipeline
from services.opportunity.domain.pipeline import Stage as DomainStage
from services.opportunity.domain.pipeline import StageKind


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

    @classmethod
    def from_domain(cls, s: DomainStage) -> Stage:
        return cls(
            key=s.key, name_zh=s.name_zh, name_en=s.name_en, probability=s.probability, kind=s.kind,
            position=s.position, rotting_days=s.rotting_days, retired=s.retired,
        )  # fmt: skip


@strawberry.type
class LostReason:
    key: str
    name_zh: str
    name_en: str
    retired: bool

    @classmethod
    def from_domain(cls, r: DomainLostReason) -> LostReason:
        return cls(key=r.key, name_zh=r.name_zh, name_en=r.name_en, retired=r.retired)


@strawberry.type
class Pipeline:
    _p: strawberry.Private[DomainPipeline]
    id: strawberry.ID
    name: str
    alert_days_before_close: int
    is_default: bool
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_domain(cls, p: DomainPipeline) -> Pipeline:
        return cls(
            _p=p, id=strawberry.ID(p.id), name=p.name, alert_days_before_close=p.alert_days_before_close,
            is_default=p.is_default, version=p.version, created_at=p.created_at, updated_at=p.updated_at,
        )  # fmt: skip

    @strawberry.field(description="In order; retired stages are included unless asked otherwise.")
    def stages(self, include_retired: bool = True) -> list[Stage]:
        return [Stage.from_domain(s) for s in self._p.stages if include_retired or not s.retired]

    @strawberry.field(description='Why its deals may be lost, in order; "other" is always offered.')
    def lost_reasons(self, include_retired: bool = True) -> list[LostReason]:
        return [LostReason.from_domain(r) for r in self._p.lost_reasons if include_retired or not r.retired]

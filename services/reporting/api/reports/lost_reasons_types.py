"""GraphQL types of the lost reasons report."""

from __future__ import annotations

import strawberry

from services.reporting.domain.reports import lost_reasons as domain


@strawberry.type
class LostReasonCount:
    reason_key: str
    name_en: str
    name_zh: str
    count: int

    @classmethod
    def many(cls, rows: tuple[domain.ReasonCount, ...]) -> list[LostReasonCount]:
        return [
            cls(reason_key=r.reason_key, name_en=r.name_en, name_zh=r.name_zh, count=r.count) for r in rows
        ]


@strawberry.type(description="The losses of one stage, rep or source, by reason, most first.")
class LossGroup:
    key: str | None = strawberry.field(description="Stage key, user id or source id; null: no source.")
    name: str
    pipeline_id: strawberry.ID | None = strawberry.field(description="The stage's pipeline (by stage only).")
    total: int
    reasons: list[LostReasonCount]

    @classmethod
    def many(cls, rows: tuple[domain.LossGroup, ...]) -> list[LossGroup]:
        return [
            cls(
                key=g.key,
                name=g.name,
                pipeline_id=strawberry.ID(g.pipeline_id) if g.pipeline_id else None,
                total=g.total,
                reasons=LostReasonCount.many(g.reasons),
            )
            for g in rows
        ]


@strawberry.type
class LostReasonsReport:
    total: int
    reasons: list[LostReasonCount]
    by_stage: list[LossGroup] = strawberry.field(description="By the stage the deals were lost from.")
    by_rep: list[LossGroup] = strawberry.field(description="By the rep who owned them when they were lost.")
    by_source: list[LossGroup]

    @classmethod
    def from_domain(cls, r: domain.LostReasonsReport) -> LostReasonsReport:
        return cls(
            total=r.total, reasons=LostReasonCount.many(r.reasons), by_stage=LossGroup.many(r.by_stage),
            by_rep=LossGroup.many(r.by_rep), by_source=LossGroup.many(r.by_source),
        )  # fmt: skip

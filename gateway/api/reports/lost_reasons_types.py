"""The lost reasons report as the gateway serves it (the reporting service's fields)."""

from __future__ import annotations

import strawberry


@strawberry.type
class LostReasonCount:
    reason_key: str
    name_en: str
    name_zh: str
    count: int


@strawberry.type(description="The losses of one stage, rep or source, by reason, most first.")
class LossGroup:
    key: str | None = strawberry.field(description="Stage key, user id or source id; null: no source.")
    name: str
    pipeline_id: strawberry.ID | None = strawberry.field(description="The stage's pipeline (by stage only).")
    total: int
    reasons: list[LostReasonCount]


@strawberry.type
class LostReasonsReport:
    total: int
    reasons: list[LostReasonCount]
    by_stage: list[LossGroup] = strawberry.field(description="By the stage the deals were lost from.")
    by_rep: list[LossGroup] = strawberry.field(description="By the rep who owned them when they were lost.")
    by_source: list[LossGroup]

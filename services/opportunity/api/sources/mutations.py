"""Lead-source mutations (admins only; the rule lives in the use cases)."""

from __future__ import annotations

from datetime import date

import strawberry

from services.opportunity.api.context import Info
from services.opportunity.api.permissions import AUTHENTICATED
from services.opportunity.api.scalars import DecimalString
from services.opportunity.api.sources.types import Source
from services.opportunity.application import sources as uc
from services.opportunity.domain.source import SourceCostKind, SourceKind


@strawberry.input(description="One cost: on a day (startsOn), or spread evenly over startsOn to endsOn.")
class SourceCostInput:
    kind: SourceCostKind
    amount: DecimalString
    currency: str
    starts_on: date
    ends_on: date | None = None


@strawberry.input
class SourceInput:
    name: str | None = None
    kind: SourceKind | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    cost_amount: DecimalString | None = None
    cost_currency: str | None = None
    costs: list[SourceCostInput] | None = strawberry.field(
        default=None, description="Every dated cost, replacing those kept (the listed ones included)."
    )

    def to_fields(self) -> uc.SourceFields:
        return uc.SourceFields(
            name=self.name, kind=self.kind, starts_on=self.starts_on, ends_on=self.ends_on,
            cost_amount=self.cost_amount, cost_currency=self.cost_currency,
            costs=None if self.costs is None else tuple(
                uc.CostFields(c.kind, c.amount, c.currency, c.starts_on, c.ends_on) for c in self.costs
            ),
        )  # fmt: skip


@strawberry.type
class SourceMutations:
    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def create_source(self, info: Info, input: SourceInput) -> Source:
        return Source.from_domain(
            await uc.create_source(input.to_fields(), info.context.identity, info.context.ports)
        )

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def update_source(
        self, info: Info, id: strawberry.ID, expected_version: int, input: SourceInput
    ) -> Source:
        ctx = info.context
        return Source.from_domain(
            await uc.update_source(id, expected_version, input.to_fields(), ctx.identity, ctx.ports)
        )

"""GraphQL type of a lead source."""

from __future__ import annotations

from datetime import date

import strawberry

from services.opportunity.api.common import Money
from services.opportunity.domain.source import Source as DomainSource
from services.opportunity.domain.source import SourceCost as DomainSourceCost
from services.opportunity.domain.source import SourceCostKind, SourceKind


@strawberry.type(description="One thing a source cost, on a day or spread evenly over a range of days.")
class SourceCost:
    kind: SourceCostKind
    amount: Money
    starts_on: date
    ends_on: date | None = strawberry.field(description="The last day of a range; null for one day.")

    @classmethod
    def from_domain(cls, c: DomainSourceCost) -> SourceCost:
        return cls(kind=c.kind, amount=Money.from_domain(c.amount), starts_on=c.starts_on, ends_on=c.ends_on)


@strawberry.type
class Source:
    id: strawberry.ID
    name: str
    kind: SourceKind
    starts_on: date | None
    ends_on: date | None
    cost: Money | None = strawberry.field(
        description="The single cost of earlier versions, kept as it was; `costs` lists it too, dated."
    )
    costs: list[SourceCost] = strawberry.field(
        description="Every dated cost; the single cost of earlier versions is one entry over the source's "
        "own dates, or on the day it was created."
    )
    version: int

    @classmethod
    def from_domain(cls, s: DomainSource) -> Source:
        return cls(
            id=strawberry.ID(s.id), name=s.name, kind=s.kind, starts_on=s.starts_on, ends_on=s.ends_on,
            cost=Money.from_domain(s.cost) if s.cost else None,
            costs=[SourceCost.from_domain(c) for c in s.all_costs], version=s.version,
        )  # fmt: skip

"""GraphQL type of a lead source."""

from __future__ import annotations

from datetime import date

import strawberry

from services.opportunity.api.common import Money
from services.opportunity.domain.source import Source as DomainSource
from services.opportunity.domain.source import SourceKind


@strawberry.type
class Source:
    id: strawberry.ID
    name: str
    kind: SourceKind
    starts_on: date | None
    ends_on: date | None
    cost: Money | None
    version: int

    @classmethod
    def from_domain(cls, s: DomainSource) -> Source:
        return cls(
            id=strawberry.ID(s.id), name=s.name, kind=s.kind, starts_on=s.starts_on, ends_on=s.ends_on,
            cost=Money.from_domain(s.cost) if s.cost else None, version=s.version,
        )  # fmt: skip

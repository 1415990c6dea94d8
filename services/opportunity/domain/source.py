"""Lead sources: where opportunities come from, and what that channel cost."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from services.opportunity.domain.errors import InvalidInput
from services.opportunity.domain.money import Money


class SourceKind(StrEnum):
    TRADE_SHOW = "TRADE_SHOW"
    EXCHANGE_MEETING = "EXCHANGE_MEETING"
    EXPO = "EXPO"
    OVERSEAS_EXHIBITION = "OVERSEAS_EXHIBITION"
    ONLINE_REGISTRATION = "ONLINE_REGISTRATION"
    REFERRAL = "REFERRAL"
    OTHER = "OTHER"


class SourceCostKind(StrEnum):
    BOOTH_FEE = "BOOTH_FEE"
    TRAVEL = "TRAVEL"
    ADS = "ADS"
    DECORATION = "DECORATION"
    SAMPLES = "SAMPLES"
    STAFF = "STAFF"
    OTHER = "OTHER"


MAX_COSTS = 500
MAX_COST_DAYS = 3660
"""A range longer than ten years is a typing mistake, not a campaign."""


@dataclass(frozen=True)
class SourceCost:
    """One thing a source cost: spent on ``starts_on``, or spread evenly over the days from
    ``starts_on`` to ``ends_on`` (both included)."""

    kind: SourceCostKind
    amount: Money
    starts_on: date
    ends_on: date | None = None


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    kind: SourceKind
    created_at: datetime
    updated_at: datetime
    starts_on: date | None = None
    ends_on: date | None = None
    cost: Money | None = None
    """The single, undated cost earlier versions kept; ``all_costs`` dates it."""
    costs: tuple[SourceCost, ...] = ()
    version: int = 1

    @property
    def all_costs(self) -> tuple[SourceCost, ...]:
        """Every dated cost. The single cost of earlier versions is read as one entry over the
        source's own dates (a trade show's days), or on the day it was created when it has none."""
        if self.cost is None:
            return self.costs
        start = self.starts_on or self.created_at.date()
        end = self.ends_on if self.starts_on and self.ends_on and self.ends_on > start else None
        return (SourceCost(SourceCostKind.OTHER, self.cost, start, end), *self.costs)


def _checked(source: Source) -> Source:
    name = (source.name or "").strip()
    if not 1 <= len(name) <= 200:
        raise InvalidInput("name", "A source name is 1 to 200 characters.")
    if source.starts_on and source.ends_on and source.ends_on < source.starts_on:
        raise InvalidInput("endsOn", "A source cannot end before it starts.")
    if len(source.costs) > MAX_COSTS:
        raise InvalidInput("costs", f"A source keeps at most {MAX_COSTS} costs.")
    for index, cost in enumerate(source.costs):
        if cost.ends_on is not None and cost.ends_on < cost.starts_on:
            raise InvalidInput(f"costs[{index}].endsOn", "A cost's range cannot end before it starts.")
        if cost.ends_on is not None and cost.ends_on - cost.starts_on > timedelta(days=MAX_COST_DAYS):
            raise InvalidInput(
                f"costs[{index}].endsOn", f"A cost's range spans at most {MAX_COST_DAYS} days."
            )
    return replace(source, name=name)


def new_source(
    *, id: str, name: str, kind: SourceKind, now: datetime, starts_on: date | None = None,
    ends_on: date | None = None, cost: Money | None = None, costs: tuple[SourceCost, ...] = (),
) -> Source:  # fmt: skip
    return _checked(Source(id, name, kind, now, now, starts_on, ends_on, cost, costs))


def change_source(
    source: Source, now: datetime, *, name: str | None = None, kind: SourceKind | None = None,
    starts_on: date | None = None, ends_on: date | None = None, cost: Money | None = None,
    costs: tuple[SourceCost, ...] | None = None,
) -> Source:  # fmt: skip
    """``costs`` replaces every cost, the single one of earlier versions included unless given
    again (``all_costs`` lists it, so whoever sends the list has seen it)."""
    legacy = source.cost if cost is None else cost
    if costs is not None and cost is None:
        legacy = None
    return _checked(
        replace(
            source,
            name=source.name if name is None else name,
            kind=source.kind if kind is None else kind,
            starts_on=source.starts_on if starts_on is None else starts_on,
            ends_on=source.ends_on if ends_on is None else ends_on,
            cost=legacy,
            costs=source.costs if costs is None else costs,
            updated_at=now,
            version=source.version + 1,
        )
    )

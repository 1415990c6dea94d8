"""What a lead source cost in a period: each dated cost counts in the period it was spent in, a
cost over a range of days spread evenly over them (to the microsecond, so a period from one
Taipei midnight to another takes its exact share), converted at the rate of its date."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from contracts.events.catalog import SourceSnapshot
from services.reporting.domain.exchange_rates import RateBook
from services.reporting.domain.money import Totals

_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True)
class Cost:
    amount: Decimal
    currency: str
    starts_on: date | None
    """None: a single cost of an earlier version on a source with no dates; it counts only in a
    report over the source's whole life (a period with neither end)."""
    ends_on: date

    def spent_in(self, start: datetime | None, end: datetime | None) -> Decimal:
        """The part of the amount spent in [start, end)."""
        if self.starts_on is None:
            return self.amount if start is None and end is None else Decimal(0)
        first = datetime.combine(self.starts_on, time(), UTC)
        after = datetime.combine(self.ends_on + timedelta(days=1), time(), UTC)
        low, high = max(first, start or first), min(after, end or after)
        if high <= low:
            return Decimal(0)
        if (low, high) == (first, after):
            return self.amount
        return self.amount * Decimal((high - low) // _MICROSECOND) / Decimal((after - first) // _MICROSECOND)


def costs_of(source: SourceSnapshot) -> tuple[Cost, ...]:
    """The source's dated costs. An event from before costs were dated carries only ``cost``: it
    is read over the source's own dates (a trade show's days), or undated when it has none."""
    if source.costs:
        return tuple(
            Cost(c.amount.amount, c.amount.currency, c.starts_on, c.ends_on or c.starts_on)
            for c in source.costs
        )
    if source.cost is None:
        return ()
    start = source.starts_on
    end = source.ends_on if start and source.ends_on and source.ends_on > start else start
    return (Cost(source.cost.amount, source.cost.currency, start, end or date.min),)


def spent(
    sources: Iterable[SourceSnapshot], start: datetime | None, end: datetime | None, rates: RateBook
) -> Totals:
    """What the sources cost in [start, end), per currency after conversion; each cost converted
    at the rate in force on its first day (an undated one at the latest rate)."""
    totals = Totals()
    for source in sources:
        for cost in costs_of(source):
            part = cost.spent_in(start, end)
            if part:
                totals.add(*rates.convert(part, cost.currency, cost.starts_on or date.max))
    return totals

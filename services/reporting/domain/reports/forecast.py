"""Forecast: open pipeline and weighted pipeline (amount × probability) by expected close month."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from services.reporting.domain.catalog import Catalog
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.money import Conversion, cents
from services.reporting.domain.view import OpportunityView


@dataclass(frozen=True)
class ForecastLine:
    month: str
    """Expected close month, ``YYYY-MM``."""
    group: str
    """A rep id or a team name (``""`` for opportunities without a team)."""
    group_name: str | None
    currency: str
    opportunities: int
    amount: Decimal
    weighted: Decimal


@dataclass(frozen=True)
class Forecast:
    by_rep: tuple[ForecastLine, ...]
    by_team: tuple[ForecastLine, ...]


Buckets = dict[tuple[str, str, str], list[Decimal]]
"""(month, rep id or team name, currency) -> [count, amount, Σ amount × probability]."""


def new_buckets() -> Buckets:
    return defaultdict(lambda: [Decimal(0), Decimal(0), Decimal(0)])


def forecast_lines(buckets: Buckets, catalog: Catalog, rep: bool) -> tuple[ForecastLine, ...]:
    """The lines of the sums; the weighted amount is Σ amount × probability / 100 (exact in
    Decimal, so dividing the sum equals summing the divided)."""
    return tuple(
        ForecastLine(
            month,
            group,
            catalog.user_name(group) if rep else (group or None),
            currency,
            int(sums[0]),
            cents(sums[1]),
            cents(sums[2] / 100),
        )
        for (month, group, currency), sums in sorted(buckets.items())
    )


def forecast(
    views: Iterable[OpportunityView], catalog: Catalog, flt: ReportFilter, conversion: Conversion
) -> Forecast:
    """Open opportunities whose expected close date falls in the period."""
    by_rep, by_team = new_buckets(), new_buckets()
    for view in views:
        if not (flt.in_scope(view) and view.is_open and flt.contains_day(view.expected_close_date)):
            continue
        amount, currency = conversion.convert(view.amount, view.currency)
        month = view.expected_close_date.strftime("%Y-%m")
        for bucket in (by_rep[(month, view.owner_id, currency)], by_team[(month, view.team or "", currency)]):
            bucket[0] += 1
            bucket[1] += amount
            bucket[2] += amount * view.probability
    return Forecast(forecast_lines(by_rep, catalog, True), forecast_lines(by_team, catalog, False))

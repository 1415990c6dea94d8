"""Lead-source value from month rollups.

One pipeline's month keeps, per team and lead source, the opportunities created in the month:
how many, won and lost, the sum and count of the won ones' cycle times, and raw amounts per
currency (won revenue, open pipeline, and the open amounts times their probability). A source's
kind, name and dated costs are looked up when the report is asked for, and amounts are converted then:
conversion is linear, so converting a sum equals summing the converted amounts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from services.reporting.domain.catalog import Catalog
from services.reporting.domain.exchange_rates import RateBook
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.money import Conversion, Totals
from services.reporting.domain.reports._common import ratio
from services.reporting.domain.reports.source_value import (
    UNKNOWN_SOURCE,
    SourceValue,
    SourceValueReport,
    kind_of,
    money_line,
    period_costs,
    product_line_rows,
    summed,
)
from services.reporting.domain.rollups.months import Month, Window, as_window, in_scope
from services.reporting.domain.stats import mean_of
from services.reporting.domain.view import OpportunityView


def _add(sums: dict[str, Decimal], currency: str, amount: Decimal) -> None:
    sums[currency] = sums.get(currency, Decimal(0)) + amount


def _sums_to_json(sums: dict[str, Decimal]) -> dict[str, str]:
    return {currency: str(amount) for currency, amount in sums.items()}


def _sums_from_json(data: dict[str, str]) -> dict[str, Decimal]:
    return {currency: Decimal(amount) for currency, amount in data.items()}


@dataclass
class _SourceTally:
    opportunities: int = 0
    won: int = 0
    lost: int = 0
    cycle_total: int = 0
    cycles: int = 0
    won_revenue: dict[str, Decimal] = field(default_factory=dict)
    open_pipeline: dict[str, Decimal] = field(default_factory=dict)
    open_times_probability: dict[str, Decimal] = field(default_factory=dict)
    """Sum of amount × probability (in percent) of the open ones: the weighted pipeline × 100."""
    new_customers: int = 0
    line_revenue: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    """Won line items' totals: product line -> currency -> amount."""

    def count(self, view: OpportunityView) -> None:
        self.opportunities += 1
        if view.won:
            self.won += 1
            self.new_customers += 1 if view.is_new_customer else 0
            for line, amount in view.line_revenue:
                _add(self.line_revenue.setdefault(line, {}), view.currency, amount)
            _add(self.won_revenue, view.currency, view.amount)
            if view.cycle_seconds is not None:
                self.cycle_total += view.cycle_seconds
                self.cycles += 1
        elif view.lost:
            self.lost += 1
        if view.is_open:
            _add(self.open_pipeline, view.currency, view.amount)
            _add(self.open_times_probability, view.currency, view.amount * view.probability)

    def merge(self, other: _SourceTally) -> None:
        self.opportunities += other.opportunities
        self.won += other.won
        self.lost += other.lost
        self.cycle_total += other.cycle_total
        self.cycles += other.cycles
        self.new_customers += other.new_customers
        for line, sums in other.line_revenue.items():
            for currency, amount in sums.items():
                _add(self.line_revenue.setdefault(line, {}), currency, amount)
        for mine, theirs in (
            (self.won_revenue, other.won_revenue),
            (self.open_pipeline, other.open_pipeline),
            (self.open_times_probability, other.open_times_probability),
        ):
            for currency, amount in theirs.items():
                _add(mine, currency, amount)

    def to_json(self) -> list[Any]:
        return [self.opportunities, self.won, self.lost, self.cycle_total, self.cycles,
                _sums_to_json(self.won_revenue), _sums_to_json(self.open_pipeline),
                _sums_to_json(self.open_times_probability), self.new_customers,
                {line: _sums_to_json(sums) for line, sums in self.line_revenue.items()}]  # fmt: skip

    @classmethod
    def from_json(cls, data: list[Any]) -> _SourceTally:
        opportunities, won, lost, cycle_total, cycles, revenue, pipeline, weighted, *rest = data
        # Months rolled up before new customers were counted have none until a rebuild.
        return cls(opportunities, won, lost, cycle_total, cycles, _sums_from_json(revenue),
                   _sums_from_json(pipeline), _sums_from_json(weighted), rest[0] if rest else 0,
                   {line: _sums_from_json(sums) for line, sums in (rest[1] if len(rest) > 1 else {}).items()})  # fmt: skip


@dataclass
class SourceValueMonth:
    """One pipeline's figures for one month, kept per team (team None allowed)."""

    teams: dict[str | None, dict[str, _SourceTally]] = field(default_factory=dict)
    """Team -> source id (``""`` for none) -> the opportunities created in the month."""

    @classmethod
    def of(cls, views: Iterable[OpportunityView], month: Month | Window) -> SourceValueMonth:
        """``views``: the pipeline's opportunities that touch ``month`` (a superset is fine)."""
        window = as_window(month)
        part = cls()
        for view in views:
            if window.holds(view.created_at):
                sources = part.teams.setdefault(view.team, {})
                sources.setdefault(view.source_id or UNKNOWN_SOURCE, _SourceTally()).count(view)
        return part

    def to_json(self) -> Any:
        return [
            [team, {source: tally.to_json() for source, tally in sources.items()}]
            for team, sources in self.teams.items()
        ]

    @classmethod
    def from_json(cls, data: Any) -> SourceValueMonth:
        return cls(
            {
                team: {source: _SourceTally.from_json(tally) for source, tally in sources.items()}
                for team, sources in data
            }
        )


def source_value_moments_of(view: OpportunityView) -> set[datetime]:
    """When it was created: the report counts opportunities created in the period."""
    return {view.created_at}


def source_value_from_months(
    months: Iterable[tuple[Month, str, SourceValueMonth]],
    catalog: Catalog,
    flt: ReportFilter,
    conversion: Conversion,
    rates: RateBook | None = None,
) -> SourceValueReport:
    """Exactly what ``source_value`` gives for a whole-month period; costs come from the
    catalog, for the period, when the report is asked for."""
    rates = rates or RateBook(conversion)
    by_source: dict[str, _SourceTally] = defaultdict(_SourceTally)
    for _, sources in in_scope(months, flt):
        for source_id, tally in sources.items():
            by_source[source_id].merge(tally)
    costs = period_costs(catalog, flt, rates)
    for source_id in costs:
        by_source.setdefault(source_id, _SourceTally())  # a cost in the period shows, leads or not
    by_kind: dict[str, _SourceTally] = defaultdict(_SourceTally)
    kind_costs: dict[str, list[Totals]] = defaultdict(list)
    for source_id, tally in by_source.items():
        kind = kind_of(catalog, source_id)
        by_kind[kind].merge(tally)
        if source_id in costs:
            kind_costs[kind].append(costs[source_id])
    return SourceValueReport(
        tuple(
            _row(key, tally, costs.get(key, Totals()), catalog, conversion, per_kind=False)
            for key, tally in sorted(by_source.items())
        ),
        tuple(
            _row(key, tally, summed(kind_costs[key]), catalog, conversion, per_kind=True)
            for key, tally in sorted(by_kind.items())
        ),
    )


def _converted(sums: dict[str, Decimal], conversion: Conversion) -> Totals:
    totals = Totals()
    for currency, amount in sums.items():
        totals.add(*conversion.convert(amount, currency))
    return totals


def _row(
    key: str, tally: _SourceTally, cost: Totals, catalog: Catalog, conversion: Conversion, per_kind: bool
) -> SourceValue:
    """One row, with what its sources cost in the period."""
    revenue = _converted(tally.won_revenue, conversion)
    pipeline = _converted(tally.open_pipeline, conversion)
    weighted = _converted(tally.open_times_probability, conversion)
    money = tuple(
        money_line(
            currency, revenue, pipeline, weighted.get(currency) / 100, cost, tally.opportunities, tally.won
        )
        for currency in sorted(revenue.currencies() | pipeline.currencies() | cost.currencies())
    )
    source = None if per_kind else catalog.sources.get(key)
    return SourceValue(
        key=key,
        name=key if per_kind or source is None else source.name,
        kind=key if per_kind else (source.kind.value if source else None),
        opportunities=tally.opportunities,
        won=tally.won,
        lost=tally.lost,
        win_rate=ratio(tally.won, tally.won + tally.lost),
        average_cycle_seconds=mean_of(tally.cycle_total, tally.cycles) if tally.cycles else None,
        money=money,
        new_customers=tally.new_customers,
        revenue_by_product_line=product_line_rows(
            {line: _converted(sums, conversion) for line, sums in tally.line_revenue.items()}
        ),
    )

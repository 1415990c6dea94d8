"""Lead-source value: which sources (and kinds of source) bring revenue worth their cost.

A period's opportunities are those created in it; its cost is what each source spent in it
(``domain/source_costs.py``), so a source with a cost in the period shows even with no lead, and
a cost spent once does not reappear in every period its leads were created in."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from services.reporting.domain.catalog import Catalog
from services.reporting.domain.exchange_rates import RateBook
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.money import Conversion, Totals, cents
from services.reporting.domain.reports._common import average_cycle, ratio
from services.reporting.domain.source_costs import spent
from services.reporting.domain.view import OpportunityView

UNKNOWN_SOURCE = ""


@dataclass(frozen=True)
class SourceMoney:
    """One currency's figures; ``roi``, ``cost_per_won`` and ``cost_per_lead`` only where the
    cost is in it (per lead: per opportunity created in the period)."""

    currency: str
    won_revenue: Decimal
    open_pipeline: Decimal
    weighted_pipeline: Decimal
    cost: Decimal
    roi: Decimal | None
    cost_per_won: Decimal | None
    cost_per_lead: Decimal | None = None


@dataclass(frozen=True)
class ProductLineRevenue:
    """Won revenue from one product line's line items, in one currency."""

    product_line: str
    currency: str
    amount: Decimal


def product_line_rows(by_line: dict[str, Totals]) -> tuple[ProductLineRevenue, ...]:
    return tuple(
        ProductLineRevenue(line, currency, amount)
        for line in sorted(by_line)
        for currency, amount in sorted(by_line[line].rounded().items())
    )


@dataclass(frozen=True)
class SourceValue:
    key: str
    """A source id (per source) or a source kind (per kind); ``""`` for no source."""
    name: str
    kind: str | None
    opportunities: int
    won: int
    lost: int
    win_rate: Decimal | None
    average_cycle_seconds: int | None
    money: tuple[SourceMoney, ...]
    new_customers: int = 0
    """Won deals that were an account's first win (the fact recorded when each was won)."""
    revenue_by_product_line: tuple[ProductLineRevenue, ...] = ()
    """The won deals' line items per product line (deals without lines count in none)."""


@dataclass
class _Tally:
    views: list[OpportunityView] = field(default_factory=list)
    won_revenue: Totals = field(default_factory=Totals)
    open_pipeline: Totals = field(default_factory=Totals)
    weighted: Totals = field(default_factory=Totals)


@dataclass(frozen=True)
class SourceValueReport:
    by_source: tuple[SourceValue, ...]
    by_kind: tuple[SourceValue, ...]
    lifetime_by_source: tuple[SourceValue, ...] = ()
    """Each source over its whole life (every opportunity and every cost, whatever the period)."""


def kind_of(catalog: Catalog, source_id: str) -> str:
    source = catalog.sources.get(source_id)
    return source.kind.value if source else UNKNOWN_SOURCE


def period_costs(catalog: Catalog, flt: ReportFilter, rates: RateBook) -> dict[str, Totals]:
    """Source id -> what it cost in the period, for the sources with a cost in it. A cost is the
    company's: it shows whatever pipeline or team the report is narrowed to."""
    costs = {}
    for source_id, source in catalog.sources.items():
        totals = spent([source], flt.start, flt.end, rates)
        if totals.currencies():
            costs[source_id] = totals
    return costs


def summed(parts: Iterable[Totals]) -> Totals:
    total = Totals()
    for part in parts:
        for currency in part.currencies():
            total.add(part.get(currency), currency)
    return total


def money_line(
    currency: str, revenue: Totals, pipeline: Totals, weighted: Decimal, cost: Totals, leads: int, won: int
) -> SourceMoney:
    won_revenue, spent_there = revenue.get(currency), cost.get(currency)
    return SourceMoney(
        currency,
        cents(won_revenue),
        cents(pipeline.get(currency)),
        cents(weighted),
        cents(spent_there),
        ratio(won_revenue - spent_there, spent_there) if spent_there else None,
        cents(spent_there / won) if spent_there and won else None,
        cents(spent_there / leads) if spent_there and leads else None,
    )


def source_value(
    views: Iterable[OpportunityView],
    catalog: Catalog,
    flt: ReportFilter,
    conversion: Conversion,
    rates: RateBook | None = None,
) -> SourceValueReport:
    """Over opportunities created in the period, and what each source cost in it (in its kind
    too); ``rates``: the dated rates costs are converted at (none: ``conversion``'s)."""
    rates = rates or RateBook(conversion)
    by_source: dict[str, _Tally] = defaultdict(_Tally)
    by_kind: dict[str, _Tally] = defaultdict(_Tally)
    for view in views:
        if not (flt.in_scope(view) and flt.contains(view.created_at)):
            continue
        source_id = view.source_id or UNKNOWN_SOURCE
        amount, currency = conversion.convert(view.amount, view.currency)
        for tally in (by_source[source_id], by_kind[kind_of(catalog, source_id)]):
            tally.views.append(view)
            if view.won:
                tally.won_revenue.add(amount, currency)
            elif view.is_open:
                tally.open_pipeline.add(amount, currency)
                tally.weighted.add(amount * view.probability / 100, currency)
    costs = period_costs(catalog, flt, rates)
    kind_costs: dict[str, list[Totals]] = defaultdict(list)
    for source_id, cost in costs.items():
        # A source with a cost in the period shows, leads or not.
        by_source.setdefault(source_id, _Tally())
        by_kind.setdefault(kind_of(catalog, source_id), _Tally())
        kind_costs[kind_of(catalog, source_id)].append(cost)

    def by_line(won: list[OpportunityView]) -> dict[str, Totals]:
        lines: dict[str, Totals] = defaultdict(Totals)
        for view in won:
            for line, amount in view.line_revenue:
                lines[line].add(*conversion.convert(amount, view.currency))
        return lines

    def row(key: str, tally: _Tally, per_kind: bool) -> SourceValue:
        source = None if per_kind else catalog.sources.get(key)
        cost = summed(kind_costs[key]) if per_kind else costs.get(key, Totals())
        won = [v for v in tally.views if v.won]
        lost = sum(1 for v in tally.views if v.lost)
        currencies = tally.won_revenue.currencies() | tally.open_pipeline.currencies() | cost.currencies()
        money = tuple(
            money_line(currency, tally.won_revenue, tally.open_pipeline, tally.weighted.get(currency), cost,
                       len(tally.views), len(won))
            for currency in sorted(currencies)
        )  # fmt: skip
        return SourceValue(
            key=key,
            name=(source.name if source else key) if not per_kind else key,
            kind=key if per_kind else (source.kind.value if source else None),
            opportunities=len(tally.views),
            won=len(won),
            lost=lost,
            win_rate=ratio(len(won), len(won) + lost),
            average_cycle_seconds=average_cycle(won),
            money=money,
            new_customers=sum(1 for v in won if v.is_new_customer),
            revenue_by_product_line=product_line_rows(by_line(won)),
        )

    return SourceValueReport(
        tuple(row(k, t, False) for k, t in sorted(by_source.items())),
        tuple(row(k, t, True) for k, t in sorted(by_kind.items())),
    )

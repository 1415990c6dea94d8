"""Lead-source value: which sources (and kinds of source) bring revenue worth their cost."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from services.reporting.domain.catalog import Catalog
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.money import Conversion, Totals, cents
from services.reporting.domain.reports._common import average_cycle, ratio
from services.reporting.domain.view import OpportunityView

UNKNOWN_SOURCE = ""


@dataclass(frozen=True)
class SourceMoney:
    """One currency's figures; ``roi`` and ``cost_per_won`` only where the cost is in it."""

    currency: str
    won_revenue: Decimal
    open_pipeline: Decimal
    weighted_pipeline: Decimal
    cost: Decimal
    roi: Decimal | None
    cost_per_won: Decimal | None


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


@dataclass
class _Tally:
    views: list[OpportunityView] = field(default_factory=list)
    won_revenue: Totals = field(default_factory=Totals)
    open_pipeline: Totals = field(default_factory=Totals)
    weighted: Totals = field(default_factory=Totals)
    cost: Totals = field(default_factory=Totals)
    costed_sources: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class SourceValueReport:
    by_source: tuple[SourceValue, ...]
    by_kind: tuple[SourceValue, ...]


def source_value(
    views: Iterable[OpportunityView], catalog: Catalog, flt: ReportFilter, conversion: Conversion
) -> SourceValueReport:
    """Over opportunities created in the period. A source's cost is counted once, in its kind too."""
    by_source: dict[str, _Tally] = defaultdict(_Tally)
    by_kind: dict[str, _Tally] = defaultdict(_Tally)
    for view in views:
        if not (flt.in_scope(view) and flt.contains(view.created_at)):
            continue
        source_id = view.source_id or UNKNOWN_SOURCE
        source = catalog.sources.get(source_id)
        kind = source.kind.value if source else UNKNOWN_SOURCE
        amount, currency = conversion.convert(view.amount, view.currency)
        for tally in (by_source[source_id], by_kind[kind]):
            tally.views.append(view)
            if view.won:
                tally.won_revenue.add(amount, currency)
            elif view.is_open:
                tally.open_pipeline.add(amount, currency)
                tally.weighted.add(amount * view.probability / 100, currency)
            if source and source.cost and source_id not in tally.costed_sources:
                tally.costed_sources.add(source_id)
                tally.cost.add(*conversion.convert(source.cost.amount, source.cost.currency))

    def row(key: str, tally: _Tally, per_kind: bool) -> SourceValue:
        source = None if per_kind else catalog.sources.get(key)
        won = [v for v in tally.views if v.won]
        lost = sum(1 for v in tally.views if v.lost)
        currencies = (
            tally.won_revenue.currencies() | tally.open_pipeline.currencies() | tally.cost.currencies()
        )
        money = []
        for currency in sorted(currencies):
            revenue, cost = tally.won_revenue.get(currency), tally.cost.get(currency)
            money.append(
                SourceMoney(
                    currency,
                    cents(revenue),
                    cents(tally.open_pipeline.get(currency)),
                    cents(tally.weighted.get(currency)),
                    cents(cost),
                    ratio(revenue - cost, cost) if cost else None,
                    cents(cost / len(won)) if cost and won else None,
                )
            )
        return SourceValue(
            key=key,
            name=(source.name if source else key) if not per_kind else key,
            kind=key if per_kind else (source.kind.value if source else None),
            opportunities=len(tally.views),
            won=len(won),
            lost=lost,
            win_rate=ratio(len(won), len(won) + lost),
            average_cycle_seconds=average_cycle(won),
            money=tuple(money),
        )

    return SourceValueReport(
        tuple(row(k, t, False) for k, t in sorted(by_source.items())),
        tuple(row(k, t, True) for k, t in sorted(by_kind.items())),
    )

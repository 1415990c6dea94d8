"""What a source cost in a period: dated costs counted where they were spent, ranges spread over
their days, sources with a cost and no lead shown, costs converted at the rate of their date."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from contracts.events._base import Money, SourceCostKind, SourceKind
from contracts.events.catalog import SourceCost, SourceSnapshot
from services.reporting.domain.catalog import Catalog
from services.reporting.domain.exchange_rates import ExchangeRate, RateBook
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.money import Conversion, cents
from services.reporting.domain.reports.source_value import source_value
from services.reporting.domain.source_costs import costs_of, spent

SET_AT = datetime(2026, 1, 1, tzinfo=UTC)


def _utc(year: int, month: int, day: int, hour: int = 0) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def _source(id: str, *costs: SourceCost, **extra: object) -> SourceSnapshot:
    return SourceSnapshot(
        id=id, name=id.title(), kind=SourceKind.TRADE_SHOW, version=1, costs=list(costs), **extra
    )


def _cost(amount: str, currency: str, starts_on: date, ends_on: date | None = None) -> SourceCost:
    return SourceCost(kind=SourceCostKind.BOOTH_FEE, amount=Money(amount=Decimal(amount), currency=currency),
                      starts_on=starts_on, ends_on=ends_on)  # fmt: skip


SHOW = _source(
    "s-show",
    _cost("100000", "TWD", date(2026, 3, 30), date(2026, 4, 8)),  # ten days, 10,000 a day
    _cost("3000", "TWD", date(2026, 5, 2)),
)
PER_CURRENCY = RateBook(Conversion())


def test_a_range_is_spread_evenly_over_its_days_and_a_day_counts_where_it_falls() -> None:
    march = spent([SHOW], _utc(2026, 3, 1), _utc(2026, 4, 1), PER_CURRENCY)
    april = spent([SHOW], _utc(2026, 4, 1), _utc(2026, 5, 1), PER_CURRENCY)
    may = spent([SHOW], _utc(2026, 5, 1), _utc(2026, 6, 1), PER_CURRENCY)
    assert (march.get("TWD"), april.get("TWD"), may.get("TWD")) == (20000, 80000, 3000)
    assert spent([SHOW], None, None, PER_CURRENCY).get("TWD") == 103000
    # A Taipei day (16:00 UTC to 16:00 UTC) takes exactly one day's share.
    taipei_day = spent([SHOW], _utc(2026, 4, 2, 16), _utc(2026, 4, 3, 16), PER_CURRENCY)
    assert taipei_day.get("TWD") == 10000
    assert not spent([SHOW], _utc(2026, 6, 1), None, PER_CURRENCY).currencies()


def test_a_single_cost_of_an_earlier_version_is_read_over_the_sources_own_dates() -> None:
    dated = _source("s-old", starts_on=date(2026, 6, 1), ends_on=date(2026, 6, 4),
                    cost=Money(amount=Decimal("400"), currency="USD"))  # fmt: skip
    assert spent([dated], _utc(2026, 6, 3), _utc(2026, 7, 1), PER_CURRENCY).get("USD") == 200
    undated = _source("s-older", cost=Money(amount=Decimal("400"), currency="USD"))
    assert not spent([undated], _utc(2026, 6, 1), _utc(2026, 7, 1), PER_CURRENCY).currencies()
    assert spent([undated], None, None, PER_CURRENCY).get("USD") == 400
    assert costs_of(_source("s-both", _cost("1", "TWD", date(2026, 1, 1)),
                            cost=Money(amount=Decimal("9"), currency="TWD")))[0].amount == 1  # fmt: skip


def test_a_cost_is_converted_at_the_rate_in_force_on_its_date() -> None:
    rates = RateBook.of(
        [ExchangeRate("USD", date(2026, 1, 1), Decimal("30"), SET_AT),
         ExchangeRate("USD", date(2026, 4, 15), Decimal("32"), SET_AT)],
        Conversion("TWD", {"USD": Decimal("99")}),
    )  # fmt: skip
    trip = _source("s-trip", _cost("100", "USD", date(2026, 4, 14)), _cost("100", "USD", date(2026, 4, 15)))
    assert spent([trip], None, None, rates).rounded() == {"TWD": Decimal("6200.00")}
    early = _source("s-early", _cost("1", "USD", date(2025, 12, 31)))  # before any dated rate
    assert spent([early], None, None, rates).rounded() == {"TWD": Decimal("99.00")}
    euro = _source("s-euro", _cost("5", "EUR", date(2026, 5, 1)))  # no rate at all: kept apart
    assert spent([euro], None, None, rates).rounded() == {"EUR": Decimal("5.00")}


def test_a_source_with_a_cost_and_no_lead_shows_with_its_periods_cost_only() -> None:
    catalog = Catalog(sources={SHOW.id: SHOW})
    report = source_value([], catalog, ReportFilter(_utc(2026, 4, 1), _utc(2026, 5, 1)), Conversion())
    (row,) = report.by_source
    assert (row.key, row.opportunities, [(m.currency, m.cost, m.roi, m.cost_per_lead) for m in row.money]) == (
        "s-show", 0, [("TWD", Decimal("80000.00"), Decimal("-1.0000"), None)],
    )  # fmt: skip
    assert [k.key for k in report.by_kind] == ["TRADE_SHOW"]
    assert report.by_kind[0].money[0].cost == Decimal("80000.00")
    nothing = source_value([], catalog, ReportFilter(_utc(2026, 6, 1), _utc(2026, 7, 1)), Conversion())
    assert nothing.by_source == ()


def test_tiny_shares_add_up_to_the_whole_cost() -> None:
    total = sum(
        (
        spent([SHOW], _utc(2026, 3, 30) + timedelta(hours=h), _utc(2026, 3, 30) + timedelta(hours=h + 1),
              PER_CURRENCY).get("TWD")
        for h in range(24 * 10)),
        Decimal(0),
    )  # fmt: skip
    assert cents(total) == Decimal("100000.00")  # reports show cents

"""Statistics, money and filters the reports rely on."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from services.reporting.domain.errors import InvalidPeriod
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.money import Conversion, Totals
from services.reporting.domain.stats import DurationStats


def test_median_and_p90_are_values_that_occurred() -> None:
    stats = DurationStats.of([10, 20, 30, 40, 50, 60, 70, 80, 90, 100])
    assert stats == DurationStats(count=10, mean=55, median=50, p90=90)


def test_the_mean_rounds_half_to_even_to_a_whole_second() -> None:
    assert DurationStats.of([1, 2]).mean == 2  # type: ignore[union-attr]
    assert DurationStats.of([2, 3]).mean == 2  # type: ignore[union-attr]


def test_no_durations_give_no_statistics() -> None:
    assert DurationStats.of([]) is None


def test_currencies_are_never_added_together_without_a_rate() -> None:
    totals = Totals()
    conversion = Conversion()
    totals.add(*conversion.convert(Decimal("10.005"), "TWD"))
    totals.add(*conversion.convert(Decimal("3"), "USD"))
    assert totals.rounded() == {"TWD": Decimal("10.00"), "USD": Decimal("3.00")}


def test_configured_rates_convert_into_the_reporting_currency_and_unknown_ones_stay_apart() -> None:
    conversion = Conversion("TWD", {"USD": Decimal("31.5")})
    assert conversion.convert(Decimal("2"), "USD") == (Decimal("63.0"), "TWD")
    assert conversion.convert(Decimal("2"), "EUR") == (Decimal("2"), "EUR")


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(InvalidPeriod) as error:
        ReportFilter(datetime(2026, 5, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC))
    assert error.value.code == "INVALID_PERIOD"


def test_a_period_without_a_time_zone_is_refused() -> None:
    with pytest.raises(InvalidPeriod):
        ReportFilter(datetime(2026, 5, 1))

"""The forecast from month rollups equals the per-opportunity report for whole-month periods."""

from __future__ import annotations

from functools import cache

import pytest

from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.money import Conversion
from services.reporting.domain.reports.forecast import Forecast, forecast
from services.reporting.domain.rollups.forecast import (
    ForecastMonth,
    forecast_from_months,
    forecast_months_of,
    forecast_months_read,
)
from tests.unit.reporting.random_views import (
    CATALOG,
    CONVERSIONS,
    PERIODS,
    SCOPES,
    month_partials,
    random_views,
    stored,
    within,
)

SEEDS = [1, 2, 3]


@cache
def _views_and_months(seed: int) -> tuple[list, list]:
    views = random_views(seed)
    months = month_partials(views, forecast_months_of, ForecastMonth.of, ForecastMonth.from_json)
    return views, months


def _has_figures(report: Forecast) -> bool:
    """Several months, reps with more than one opportunity in a month, teamless ones, weights."""
    return (
        len({line.month for line in report.by_rep}) > 1
        and any(line.opportunities > 1 for line in report.by_rep)
        and any(line.group == "" for line in report.by_team)
        and any(line.weighted for line in report.by_team)
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("conversion", CONVERSIONS)
def test_the_months_a_period_reads_give_the_report_of_every_opportunity(
    seed, period, scope, conversion
) -> None:
    views, months = _views_and_months(seed)
    flt = ReportFilter(*PERIODS[period], *SCOPES[scope])
    expected = forecast(views, CATALOG, flt, CONVERSIONS[conversion])
    if scope == "all" and period in ("a quarter", "both open"):  # the comparison is about real figures
        assert _has_figures(expected)
    read = within(months, forecast_months_read(flt))
    assert forecast_from_months(read, CATALOG, flt, CONVERSIONS[conversion]) == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_months_outside_the_period_change_nothing(seed) -> None:
    views, months = _views_and_months(seed)
    flt = ReportFilter(*PERIODS["one month"], pipeline_id="p-software")
    expected = forecast(views, CATALOG, flt, Conversion())
    assert forecast_from_months(months, CATALOG, flt, Conversion()) == expected


def test_a_month_read_twice_would_show() -> None:
    views, months = _views_and_months(3)
    flt = ReportFilter(*PERIODS["a quarter"])
    doubled = months + [m for m in months if m[0] == "2026-06"]
    expected = forecast(views, CATALOG, flt, Conversion())
    assert forecast_from_months(doubled, CATALOG, flt, Conversion()) != expected


def test_closed_opportunities_keep_no_month() -> None:
    views, _ = _views_and_months(1)
    closed = [v for v in views if not v.is_open]
    assert closed
    assert all(forecast_months_of(v) == set() for v in closed)


def test_a_rep_renamed_after_the_rollups_were_built_shows_the_new_name() -> None:
    views, months = _views_and_months(1)
    users = {**CATALOG.users}
    rep = next(iter(users))
    users[rep] = users[rep].model_copy(update={"name": "Renamed Rep"})
    catalog = type(CATALOG)(CATALOG.pipelines, CATALOG.sources, users)
    flt = ReportFilter(*PERIODS["both open"])
    expected = forecast(views, catalog, flt, CONVERSIONS["into USD"])
    assert any(line.group_name == "Renamed Rep" for line in expected.by_rep)
    assert forecast_from_months(months, catalog, flt, CONVERSIONS["into USD"]) == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_a_month_built_from_every_opportunity_of_its_pipeline_keeps_only_its_own(seed) -> None:
    views, months = _views_and_months(seed)
    for month, pipeline_id, partial in months:
        everyone = [v for v in views if v.pipeline_id == pipeline_id]
        assert stored(ForecastMonth.of(everyone, month), ForecastMonth.from_json) == partial, month

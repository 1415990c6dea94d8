"""The forecast from month rollups equals the per-opportunity report for whole-month periods."""

from __future__ import annotations

import pytest

from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.reports.forecast import Forecast, forecast
from services.reporting.domain.rollups import kinds
from services.reporting.domain.rollups.forecast import (
    forecast_from_months,
    forecast_moments_of,
)
from tests.unit.reporting.random_views import (
    CATALOG,
    CONVERSIONS,
    PERIODS,
    SCOPES,
    views_and_months,
    whole_months_of,
    within,
)

SEEDS = [1, 2, 3]


def _views_and_months(seed: int) -> tuple[list, list]:
    return views_and_months(seed, kinds.FORECAST)


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
    read = within(months, whole_months_of(flt))
    assert forecast_from_months(read, CATALOG, flt, CONVERSIONS[conversion]) == expected


def test_closed_opportunities_keep_no_month() -> None:
    views, _ = _views_and_months(1)
    closed = [v for v in views if not v.is_open]
    assert closed
    assert all(forecast_moments_of(v) == set() for v in closed)


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

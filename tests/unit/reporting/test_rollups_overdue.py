"""Overdue by rep from month rollups equals the per-opportunity report for whole-month periods."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.money import Conversion
from services.reporting.domain.reports.overdue import overdue_by_rep
from services.reporting.domain.rollups import kinds
from services.reporting.domain.rollups.months import month_of
from services.reporting.domain.rollups.overdue import (
    overdue_from_months,
)
from tests.unit.reporting.random_views import (
    CATALOG,
    CONVERSIONS,
    PERIODS,
    SCOPES,
    TODAY,
    views_and_months,
    whole_months_of,
    within,
)

SEEDS = [1, 2, 3]


def _views_and_months(seed: int) -> tuple[list, list]:
    return views_and_months(seed, kinds.OVERDUE)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("conversion", CONVERSIONS)
def test_the_months_a_period_reads_give_the_report_of_every_opportunity(
    seed, period, scope, conversion
) -> None:
    views, months = _views_and_months(seed)
    flt = ReportFilter(*PERIODS[period], *SCOPES[scope])
    expected = overdue_by_rep(views, CATALOG, flt, TODAY, CONVERSIONS[conversion])
    if scope == "all" and period == "both open":  # the comparison is about real figures
        assert sum(r.overdue_count for r in expected) and sum(r.closed_late for r in expected)
        assert any(r.slips > r.slipped_opportunities for r in expected)
    read = within(months, whole_months_of(flt))
    assert overdue_from_months(read, CATALOG, flt, TODAY, CONVERSIONS[conversion]) == expected


def test_an_opportunity_slipping_in_two_months_of_the_period_counts_once() -> None:
    views, months = _views_and_months(1)
    flt = ReportFilter(*PERIODS["both open"])
    twice = [v for v in views if len({month_of(c.at) for c in v.close_date_changes if c.slipped}) > 1]
    assert twice  # the histories hold such opportunities
    report = overdue_from_months(months, CATALOG, flt, TODAY, Conversion())
    assert report == overdue_by_rep(views, CATALOG, flt, TODAY, Conversion())


@pytest.mark.parametrize("days_later", [0, 1, 45])
def test_overdue_is_judged_against_today_when_asked(days_later) -> None:
    views, months = _views_and_months(3)
    flt = ReportFilter(*PERIODS["open end"])
    today = TODAY + timedelta(days=days_later)
    expected = overdue_by_rep(views, CATALOG, flt, today, Conversion())
    read = within(months, whole_months_of(flt))
    assert overdue_from_months(read, CATALOG, flt, today, Conversion()) == expected

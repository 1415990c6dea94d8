"""Time in stage from month rollups equals the per-opportunity report for whole-month periods."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

import pytest

from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.reports.time_in_stage import PipelineStageTimes, time_in_stage
from services.reporting.domain.rollups.time_in_stage import (
    StageTimesMonth,
    stage_times_months_of,
    stage_times_months_read,
    time_in_stage_from_months,
)
from tests.unit.reporting.random_views import (
    CATALOG,
    NOW,
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
    months = month_partials(views, stage_times_months_of, StageTimesMonth.of, StageTimesMonth.from_json)
    return views, months


def _has_figures(report: list[PipelineStageTimes]) -> bool:
    return any(s.overall for p in report for s in p.stages) and any(p.rotting for p in report)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("scope", SCOPES)
def test_the_months_a_period_reads_give_the_report_of_every_opportunity(seed, period, scope) -> None:
    views, months = _views_and_months(seed)
    flt = ReportFilter(*PERIODS[period], *SCOPES[scope])
    expected = time_in_stage(views, CATALOG, flt, NOW)
    if scope == "all":
        assert _has_figures(expected)  # the comparison is about real stays, funnels and rot
    read = within(months, stage_times_months_read(flt, NOW))
    assert time_in_stage_from_months(read, CATALOG, flt, NOW) == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_months_outside_the_period_change_nothing(seed) -> None:
    views, months = _views_and_months(seed)
    flt = ReportFilter(*PERIODS["a quarter"])
    assert time_in_stage_from_months(months, CATALOG, flt, NOW) == time_in_stage(views, CATALOG, flt, NOW)


def test_a_month_read_twice_would_show() -> None:
    views, months = _views_and_months(1)
    flt = ReportFilter(*PERIODS["one month"])
    doubled = months + [m for m in months if m[0] == "2026-03"]
    assert time_in_stage_from_months(doubled, CATALOG, flt, NOW) != time_in_stage(views, CATALOG, flt, NOW)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_month_built_from_every_opportunity_of_its_pipeline_keeps_only_its_own(seed) -> None:
    views, months = _views_and_months(seed)
    for month, pipeline_id, partial in months:
        everyone = [v for v in views if v.pipeline_id == pipeline_id]
        rebuilt = stored(StageTimesMonth.of(everyone, month), StageTimesMonth.from_json)
        assert rebuilt == partial, month


def test_rotting_is_judged_against_now_not_the_period() -> None:
    views, months = _views_and_months(2)
    flt = ReportFilter(*PERIODS["one month"])
    for now in (datetime(2026, 4, 15, tzinfo=UTC), datetime(2027, 2, 1, tzinfo=UTC)):
        read = within(months, stage_times_months_read(flt, now))
        assert time_in_stage_from_months(read, CATALOG, flt, now) == time_in_stage(views, CATALOG, flt, now)

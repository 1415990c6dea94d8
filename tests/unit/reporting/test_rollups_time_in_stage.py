"""Time in stage from month rollups equals the per-opportunity report for whole-month periods,
rotting included: counted from when each open opportunity entered its stage, and the longest
rotting listed from the oldest months only."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

import pytest

from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.reports.time_in_stage import PipelineStageTimes, time_in_stage
from services.reporting.domain.rollups.months import period_pieces
from services.reporting.domain.rollups.rotting import (
    OpenEntriesMonth,
    OpenSinceMonth,
    entry_months,
    longest_rotting_from_months,
    rotting_counts,
    rotting_moments_of,
    rotting_months_read,
)
from services.reporting.domain.rollups.time_in_stage import (
    StageTimesMonth,
    stage_times_moments_of,
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
    whole_months_of,
    within,
)

SEEDS = [1, 2, 3]
LIMITS = [None, 1, 7, 50]


@cache
def _views_and_months(seed: int) -> tuple[list, list, list, list]:
    views = random_views(seed)
    return (
        views,
        month_partials(views, stage_times_moments_of, StageTimesMonth.of, StageTimesMonth.from_json),
        month_partials(views, rotting_moments_of, OpenSinceMonth.of, OpenSinceMonth.from_json),
        month_partials(views, rotting_moments_of, OpenEntriesMonth.of, OpenEntriesMonth.from_json),
    )


def _from_rollups(seed: int, flt: ReportFilter, now: datetime, limit: int | None) -> list[PipelineStageTimes]:
    """As the report use case reads them: stays and cohorts of the period's months, when open
    ones entered their stage from every month, their entries from the oldest months only."""
    _, stays, since, entries = _views_and_months(seed)
    counts = rotting_counts(within(since, rotting_months_read(now)), CATALOG, flt, now)
    listed = longest_rotting_from_months(
        within(entries, entry_months(counts, limit, now)), CATALOG, flt, now, limit
    )
    return time_in_stage_from_months(within(stays, whole_months_of(flt)), CATALOG, flt, counts, listed)


def _has_figures(report: list[PipelineStageTimes]) -> bool:
    return any(s.overall for p in report for s in p.stages) and any(p.rotting_count > 3 for p in report)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("limit", LIMITS)
def test_the_months_a_period_reads_give_the_report_of_every_opportunity(seed, period, scope, limit) -> None:
    views = _views_and_months(seed)[0]
    flt = ReportFilter(*PERIODS[period], *SCOPES[scope])
    expected = time_in_stage(views, CATALOG, flt, NOW, limit)
    if scope == "all":
        assert _has_figures(expected)  # the comparison is about real stays, funnels and rot
    assert _from_rollups(seed, flt, NOW, limit) == expected


def test_the_list_is_the_longest_rotting_and_the_count_is_all_of_them() -> None:
    report = time_in_stage(_views_and_months(1)[0], CATALOG, ReportFilter(), NOW, 3)
    pipeline = max(report, key=lambda p: p.rotting_count)
    assert (
        len(pipeline.rotting) == 3 < pipeline.rotting_count == sum(s.rotting_count for s in pipeline.stages)
    )
    everyone = time_in_stage(_views_and_months(1)[0], CATALOG, ReportFilter(), NOW, None)
    assert pipeline.rotting == next(p for p in everyone if p.pipeline_id == pipeline.pipeline_id).rotting[:3]


@pytest.mark.parametrize("seed", SEEDS)
def test_months_outside_the_period_change_nothing(seed) -> None:
    views, stays, _, _ = _views_and_months(seed)
    flt = ReportFilter(*PERIODS["a quarter"])
    expected = time_in_stage(views, CATALOG, flt, NOW)
    counts = rotting_counts(_views_and_months(seed)[2], CATALOG, flt, NOW)
    listed = longest_rotting_from_months(_views_and_months(seed)[3], CATALOG, flt, NOW, 50)
    assert time_in_stage_from_months(stays, CATALOG, flt, counts, listed) == expected


def test_a_month_read_twice_would_show() -> None:
    views, stays, since, entries = _views_and_months(1)
    flt = ReportFilter(*PERIODS["one month"])
    counts = rotting_counts(since, CATALOG, flt, NOW)
    listed = longest_rotting_from_months(entries, CATALOG, flt, NOW, 50)
    doubled = stays + [m for m in stays if m[0] == "2026-03"]
    assert time_in_stage_from_months(doubled, CATALOG, flt, counts, listed) != time_in_stage(
        views, CATALOG, flt, NOW
    )
    twice = rotting_counts(since + since, CATALOG, flt, NOW)
    assert time_in_stage_from_months(stays, CATALOG, flt, twice, listed) != time_in_stage(
        views, CATALOG, flt, NOW
    )


@pytest.mark.parametrize("limit", LIMITS)
def test_rotting_is_judged_against_now_not_the_period(limit) -> None:
    views = _views_and_months(2)[0]
    flt = ReportFilter(*PERIODS["one month"])
    for now in (datetime(2026, 4, 15, tzinfo=UTC), datetime(2027, 2, 1, tzinfo=UTC)):
        assert _from_rollups(2, flt, now, limit) == time_in_stage(views, CATALOG, flt, now, limit)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(
    "bounds",
    [
        (datetime(2026, 3, 10, 15, 30, tzinfo=UTC), datetime(2026, 6, 20, 8, tzinfo=UTC)),
        (datetime(2026, 4, 5, tzinfo=UTC), datetime(2026, 4, 25, 12, tzinfo=UTC)),
        (None, datetime(2026, 5, 17, tzinfo=UTC)),
        (datetime(2026, 2, 14, 9, tzinfo=UTC), None),
    ],
)
def test_any_period_is_whole_months_plus_the_parts_of_its_edge_months(seed, bounds) -> None:
    views, stays, since, entries = _views_and_months(seed)
    flt = ReportFilter(*bounds)
    pieces = period_pieces(flt)
    edges = [
        (window.month, p, stored(StageTimesMonth.of([v for v in views if v.pipeline_id == p], window), StageTimesMonth.from_json))
        for window in pieces.edges
        for p in sorted({v.pipeline_id for v in views})
    ]  # fmt: skip
    counts = rotting_counts(within(since, rotting_months_read(NOW)), CATALOG, flt, NOW)
    listed = longest_rotting_from_months(
        within(entries, entry_months(counts, 50, NOW)), CATALOG, flt, NOW, 50
    )
    read = within(stays, (pieces.first, pieces.end)) + edges
    assert time_in_stage_from_months(read, CATALOG, flt, counts, listed) == time_in_stage(
        views, CATALOG, flt, NOW
    )


def test_deals_still_in_a_stage_count_with_their_age_so_far() -> None:
    views = _views_and_months(1)[0]
    report = time_in_stage(views, CATALOG, ReportFilter(*PERIODS["one month"]), NOW)
    shown = 0
    for pipeline in report:
        for stage in pipeline.stages:
            ages = sorted(
                int((NOW - v.stage_entered_at).total_seconds())
                for v in views
                if v.is_open and v.pipeline_id == pipeline.pipeline_id and v.stage_key == stage.stage_key
            )
            stays = stage.open_stays
            assert (stays.count if stays else 0) == len(ages)
            if stays:
                assert stays.median == ages[(len(ages) + 1) // 2 - 1]
                assert stays.mean == round(sum(ages) / len(ages))
                shown += stays.count
    assert shown > 10

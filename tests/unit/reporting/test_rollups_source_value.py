"""Lead-source value from month rollups equals the per-opportunity report for whole-month periods."""

from __future__ import annotations

from functools import cache

import pytest

from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.money import Conversion
from services.reporting.domain.reports.source_value import SourceValueReport, source_value
from services.reporting.domain.rollups.source_value import (
    SourceValueMonth,
    source_value_from_months,
    source_value_months_of,
    source_value_months_read,
)
from tests.unit.reporting.random_views import (
    CATALOG,
    CONVERSIONS,
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
    months = month_partials(views, source_value_months_of, SourceValueMonth.of, SourceValueMonth.from_json)
    return views, months


def _has_figures(report: SourceValueReport) -> bool:
    money = [m for row in report.by_source for m in row.money]
    return (
        any(m.roi is not None for m in money)
        and any(m.weighted_pipeline for m in money)
        and any(row.average_cycle_seconds for row in report.by_kind)
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
    expected = source_value(views, CATALOG, flt, CONVERSIONS[conversion])
    if scope == "all" and period in ("a quarter", "both open"):  # the comparison is about real figures
        assert _has_figures(expected)
    read = within(months, source_value_months_read(flt, NOW))
    assert source_value_from_months(read, CATALOG, flt, CONVERSIONS[conversion]) == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_months_outside_the_period_change_nothing(seed) -> None:
    views, months = _views_and_months(seed)
    flt = ReportFilter(*PERIODS["one month"], pipeline_id="p-software")
    expected = source_value(views, CATALOG, flt, Conversion())
    assert source_value_from_months(months, CATALOG, flt, Conversion()) == expected


def test_a_month_read_twice_would_show() -> None:
    views, months = _views_and_months(3)
    flt = ReportFilter(*PERIODS["a quarter"])
    doubled = months + [m for m in months if m[0] == "2026-06"]
    expected = source_value(views, CATALOG, flt, Conversion())
    assert source_value_from_months(doubled, CATALOG, flt, Conversion()) != expected


def test_a_source_priced_after_the_rollups_were_built_counts_its_new_cost() -> None:
    views, months = _views_and_months(1)
    sources = {**CATALOG.sources}
    sources["s-web"] = sources["s-web"].model_copy(update={"cost": sources["s-expo"].cost})
    catalog = type(CATALOG)(CATALOG.pipelines, sources, CATALOG.users)
    flt = ReportFilter(*PERIODS["a quarter"])
    expected = source_value(views, catalog, flt, CONVERSIONS["into USD"])
    assert source_value_from_months(months, catalog, flt, CONVERSIONS["into USD"]) == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_a_month_built_from_every_opportunity_of_its_pipeline_keeps_only_its_own(seed) -> None:
    views, months = _views_and_months(seed)
    for month, pipeline_id, partial in months:
        everyone = [v for v in views if v.pipeline_id == pipeline_id]
        assert stored(SourceValueMonth.of(everyone, month), SourceValueMonth.from_json) == partial, month

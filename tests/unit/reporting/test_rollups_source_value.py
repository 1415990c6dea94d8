"""Lead-source value from month rollups equals the per-opportunity report for whole-month periods."""

from __future__ import annotations

import pytest

from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.reports.source_value import SourceValueReport, source_value
from services.reporting.domain.rollups import kinds
from services.reporting.domain.rollups.source_value import (
    source_value_from_months,
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
    return views_and_months(seed, kinds.SOURCE_VALUE)


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
    read = within(months, whole_months_of(flt))
    assert source_value_from_months(read, CATALOG, flt, CONVERSIONS[conversion]) == expected


def test_a_source_priced_after_the_rollups_were_built_counts_its_new_cost() -> None:
    views, months = _views_and_months(1)
    sources = {**CATALOG.sources}
    sources["s-web"] = sources["s-web"].model_copy(update={"costs": sources["s-expo"].costs})
    catalog = type(CATALOG)(CATALOG.pipelines, sources, CATALOG.users)
    flt = ReportFilter(*PERIODS["a quarter"])
    expected = source_value(views, catalog, flt, CONVERSIONS["into USD"])
    assert expected != source_value(views, CATALOG, flt, CONVERSIONS["into USD"])
    assert source_value_from_months(months, catalog, flt, CONVERSIONS["into USD"]) == expected

"""Calibration from month rollups equals the per-opportunity report for whole-month periods."""

from __future__ import annotations

import pytest

from contracts.events.catalog import PipelineSnapshot
from services.reporting.domain.catalog import Catalog
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.reports.calibration import calibration
from services.reporting.domain.rollups import kinds
from services.reporting.domain.rollups.calibration import (
    calibration_from_months,
)
from tests.unit.reporting.random_views import (
    CATALOG,
    PERIODS,
    SCOPES,
    views_and_months,
    whole_months_of,
    within,
)

SEEDS = [1, 2, 3]


def _views_and_months(seed: int) -> tuple[list, list]:
    return views_and_months(seed, kinds.CALIBRATION)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("scope", SCOPES)
def test_the_months_a_period_reads_give_the_report_of_every_opportunity(seed, period, scope) -> None:
    views, months = _views_and_months(seed)
    flt = ReportFilter(*PERIODS[period], *SCOPES[scope])
    expected = calibration(views, CATALOG, flt)
    if scope == "all":  # the comparison is about real figures: some reached a late stage and lost
        assert any(0 < s.won < s.reached_and_closed for p in expected for s in p.stages[1:])
    read = within(months, whole_months_of(flt))
    assert calibration_from_months(read, CATALOG, flt) == expected


def test_a_pipeline_reordered_after_the_rollups_were_built_is_judged_by_its_new_order() -> None:
    views, months = _views_and_months(2)
    software = CATALOG.pipelines["p-software"]
    positions = {"discover": 0, "needs": 1, "validate": 2, "negotiation": 3, "quote": 4}
    stages = [s.model_copy(update={"position": positions.get(s.key, s.position)}) for s in software.stages]
    reordered: PipelineSnapshot = software.model_copy(update={"stages": stages})
    catalog = Catalog({**CATALOG.pipelines, "p-software": reordered}, CATALOG.sources, CATALOG.users)
    flt = ReportFilter(*PERIODS["both open"], pipeline_id="p-software")
    expected = calibration(views, catalog, flt)
    assert expected != calibration(views, CATALOG, flt)
    assert calibration_from_months(months, catalog, flt) == expected


def test_each_source_is_calibrated_on_its_own_closed_opportunities() -> None:
    views, months = _views_and_months(1)
    flt = ReportFilter(*PERIODS["both open"])
    report = calibration_from_months(months, CATALOG, flt)
    assert report == calibration(views, CATALOG, flt)
    for pipeline in report:
        assert len(pipeline.by_source) > 1
        for source in pipeline.by_source:
            own = [v for v in views if (v.source_id or "") == source.source_id]
            alone = next(p for p in calibration(own, CATALOG, flt) if p.pipeline_id == pipeline.pipeline_id)
            assert source.stages == alone.stages
        for position, stage in enumerate(pipeline.stages):
            assert stage.reached_and_closed == sum(
                s.stages[position].reached_and_closed for s in pipeline.by_source
            )
            assert stage.won == sum(s.stages[position].won for s in pipeline.by_source)

"""Per-stage rotting cut-offs: the open opportunities read for rotting, one query per stage."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from contracts.events.catalog import PipelineSnapshot, StageKind, StageSnapshot
from services.reporting.domain.catalog import Catalog
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.reports.time_in_stage import rotting_cutoffs, time_in_stage
from services.reporting.domain.view import project
from tests.unit.reporting.builders import T0, History

NOW = T0 + timedelta(days=60)


def _pipeline(pipeline_id: str, limits: dict[str, int | None]) -> PipelineSnapshot:
    stages = [
        StageSnapshot(key=key, name_zh=key, name_en=key, kind=StageKind.OPEN, probability=10,
                      position=i, rotting_days=days)
        for i, (key, days) in enumerate(limits.items())
    ]  # fmt: skip
    return PipelineSnapshot(
        id=pipeline_id, name=pipeline_id, alert_days_before_close=3, stages=stages, version=1
    )


CATALOG = Catalog({
    "p-1": _pipeline("p-1", {"discover": 14, "validate": None, "quote": 7}),
    "p-2": _pipeline("p-2", {"discover": 5, "negotiate": 30}),
})  # fmt: skip


def test_only_stages_with_a_limit_get_a_cut_off_and_a_shared_key_takes_the_later_one() -> None:
    assert rotting_cutoffs(CATALOG, ReportFilter(), NOW) == {
        "discover": NOW - timedelta(days=5),
        "quote": NOW - timedelta(days=7),
        "negotiate": NOW - timedelta(days=30),
    }


def test_a_pipeline_filter_keeps_only_that_pipelines_stages() -> None:
    assert rotting_cutoffs(CATALOG, ReportFilter(pipeline_id="p-1"), NOW) == {
        "discover": NOW - timedelta(days=14),
        "quote": NOW - timedelta(days=7),
    }


def test_every_opportunity_reported_rotting_entered_its_stage_before_the_cut_off() -> None:
    base = project(History().facts)
    cutoffs = rotting_cutoffs(CATALOG, ReportFilter(), NOW)
    views = [
        dataclasses.replace(base, id=f"o-{pipeline}-{key}-{hours}", pipeline_id=pipeline, stage_key=key,
                            stage_entered_at=NOW - timedelta(hours=hours))
        for pipeline in ("p-1", "p-2")
        for key in ("discover", "validate", "quote", "negotiate")
        for hours in range(0, 35 * 24, 7)
    ]  # fmt: skip
    rotting = [r for p in time_in_stage(views, CATALOG, ReportFilter(), NOW) for r in p.rotting]
    by_id = {v.id: v for v in views}
    assert {r.stage_key for r in rotting} == {"discover", "quote", "negotiate"}
    assert all(by_id[r.opportunity_id].stage_entered_at < cutoffs[r.stage_key] for r in rotting)

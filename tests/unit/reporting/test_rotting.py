"""Per-stage rotting cut-offs: the open opportunities read for rotting, one query per stage."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from contracts.events.catalog import PipelineSnapshot, StageKind, StageSnapshot
from services.reporting.domain.catalog import Catalog
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.reports.time_in_stage import time_in_stage
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


def test_every_opportunity_reported_rotting_stayed_longer_than_its_own_pipelines_limit() -> None:
    base = project(History().facts)
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
    for r in rotting:
        view = by_id[r.opportunity_id]
        stage = CATALOG.stage(view.pipeline_id, r.stage_key)
        assert stage is not None and stage.rotting_days is not None
        assert NOW - view.stage_entered_at > timedelta(days=stage.rotting_days)

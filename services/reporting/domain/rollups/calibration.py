"""Calibration from month rollups.

One pipeline's month keeps, per team, the opportunities closed (won or lost) in the month as
counts per funnel signature (won, stages reached); which stages a signature reached is decided
with the catalog when the report is asked for, so a reordered pipeline shows at once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from services.reporting.domain.catalog import Catalog
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.reports._common import ratio
from services.reporting.domain.reports.calibration import PipelineCalibration, StageCalibration
from services.reporting.domain.rollups.months import Month, Window, as_window, in_scope
from services.reporting.domain.rollups.time_in_stage import (
    Signature,
    count_reaching,
    signature_of,
    signatures_from_json,
    signatures_to_json,
)
from services.reporting.domain.view import OpportunityView


@dataclass
class CalibrationMonth:
    """One pipeline's figures for one month, kept per team (team None allowed)."""

    teams: dict[str | None, Counter[Signature]] = field(default_factory=dict)
    """Team -> signature -> how many closed in the month with it."""

    @classmethod
    def of(cls, views: Iterable[OpportunityView], month: Month | Window) -> CalibrationMonth:
        """``views``: the pipeline's opportunities that touch ``month`` (a superset is fine)."""
        window = as_window(month)
        part = cls()
        for view in views:
            if not view.is_open and view.closed_at is not None and window.holds(view.closed_at):
                part.teams.setdefault(view.team, Counter())[signature_of(view)] += 1
        return part

    def to_json(self) -> Any:
        return [[team, signatures_to_json(counts)] for team, counts in self.teams.items()]

    @classmethod
    def from_json(cls, data: Any) -> CalibrationMonth:
        return cls({team: signatures_from_json(counts) for team, counts in data})


def calibration_moments_of(view: OpportunityView) -> set[datetime]:
    """When it was closed, once closed."""
    if view.is_open or view.closed_at is None:
        return set()
    return {view.closed_at}


def calibration_from_months(
    months: Iterable[tuple[Month, str, CalibrationMonth]], catalog: Catalog, flt: ReportFilter
) -> list[PipelineCalibration]:
    """Exactly what ``calibration`` gives for a whole-month period."""
    closed: dict[str, Counter[Signature]] = defaultdict(Counter)
    for pipeline_id, counts in in_scope(months, flt):
        closed[pipeline_id].update(counts)
    result = []
    for pipeline_id in sorted(p for p, counts in closed.items() if counts):
        rows = []
        for stage in catalog.open_stages(pipeline_id):
            reaching, won = count_reaching(closed[pipeline_id], pipeline_id, stage.position, catalog)
            rows.append(
                StageCalibration(stage.key, stage.name_en, stage.position, stage.probability, reaching, won,
                                 ratio(won, reaching))
            )  # fmt: skip
        pipeline = catalog.pipelines.get(pipeline_id)
        result.append(
            PipelineCalibration(pipeline_id, pipeline.name if pipeline else pipeline_id, tuple(rows))
        )
    return result

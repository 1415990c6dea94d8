"""Calibration from month rollups.

One pipeline's month keeps, per team and lead source, the opportunities closed (won or lost) in
the month as counts per funnel signature (won, stages reached); which stages a signature reached is decided
with the catalog when the report is asked for, so a reordered pipeline shows at once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from services.reporting.domain.catalog import Catalog
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.reports.calibration import (
    PipelineCalibration,
    SourceCalibration,
    source_name,
    stage_rows,
)
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

    teams: dict[str | None, dict[str, Counter[Signature]]] = field(default_factory=dict)
    """Team -> source id (``""`` for none) -> signature -> how many closed in the month with it."""

    @classmethod
    def of(cls, views: Iterable[OpportunityView], month: Month | Window) -> CalibrationMonth:
        """``views``: the pipeline's opportunities that touch ``month`` (a superset is fine)."""
        window = as_window(month)
        part = cls()
        for view in views:
            if not view.is_open and view.closed_at is not None and window.holds(view.closed_at):
                by_source = part.teams.setdefault(view.team, {})
                by_source.setdefault(view.source_id or "", Counter())[signature_of(view)] += 1
        return part

    def to_json(self) -> Any:
        return [
            [team, {source: signatures_to_json(counts) for source, counts in by_source.items()}]
            for team, by_source in self.teams.items()
        ]

    @classmethod
    def from_json(cls, data: Any) -> CalibrationMonth:
        return cls(
            {
                team: {source: signatures_from_json(counts) for source, counts in by_source.items()}
                for team, by_source in data
            }
        )


def calibration_moments_of(view: OpportunityView) -> set[datetime]:
    """When it was closed, once closed."""
    if view.is_open or view.closed_at is None:
        return set()
    return {view.closed_at}


def _counter(
    counts: Counter[Signature], pipeline_id: str, catalog: Catalog
) -> Callable[[int], tuple[int, int]]:
    return lambda position: count_reaching(counts, pipeline_id, position, catalog)


def calibration_from_months(
    months: Iterable[tuple[Month, str, CalibrationMonth]], catalog: Catalog, flt: ReportFilter
) -> list[PipelineCalibration]:
    """Exactly what ``calibration`` gives for a whole-month period."""
    closed: dict[str, dict[str, Counter[Signature]]] = defaultdict(lambda: defaultdict(Counter))
    for pipeline_id, by_source in in_scope(months, flt):
        for source_id, counts in by_source.items():
            closed[pipeline_id][source_id].update(counts)
    result = []
    for pipeline_id in sorted(p for p, by_source in closed.items() if any(by_source.values())):
        sources = {source: counts for source, counts in closed[pipeline_id].items() if counts}
        everything = sum(sources.values(), Counter[Signature]())

        pipeline = catalog.pipelines.get(pipeline_id)
        result.append(
            PipelineCalibration(
                pipeline_id,
                pipeline.name if pipeline else pipeline_id,
                stage_rows(pipeline_id, catalog, _counter(everything, pipeline_id, catalog)),
                tuple(
                    SourceCalibration(
                        source_id,
                        source_name(catalog, source_id),
                        stage_rows(pipeline_id, catalog, _counter(counts, pipeline_id, catalog)),
                    )
                    for source_id, counts in sorted(sources.items())
                ),
            )
        )
    return result

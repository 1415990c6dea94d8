"""Calibration: per stage, the share of closed opportunities that reached it and were won,
beside the stage's configured probability, so a company can set probabilities from its history."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from services.reporting.domain.catalog import Catalog
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.reports._common import ratio, reached
from services.reporting.domain.view import OpportunityView


@dataclass(frozen=True)
class StageCalibration:
    stage_key: str
    stage_name: str
    position: int
    configured_probability: int
    reached_and_closed: int
    won: int
    observed_win_rate: Decimal | None


@dataclass(frozen=True)
class PipelineCalibration:
    pipeline_id: str
    pipeline_name: str
    stages: tuple[StageCalibration, ...]


def calibration(
    views: Iterable[OpportunityView], catalog: Catalog, flt: ReportFilter
) -> list[PipelineCalibration]:
    """Over opportunities closed (won or lost) in the period."""
    closed: dict[str, list[OpportunityView]] = defaultdict(list)
    for view in views:
        if flt.in_scope(view) and not view.is_open and flt.contains(view.closed_at):
            closed[view.pipeline_id].append(view)
    result = []
    for pipeline_id in sorted(closed):
        rows = []
        for stage in catalog.open_stages(pipeline_id):
            reaching = [v for v in closed[pipeline_id] if reached(v, stage.position, catalog)]
            won = sum(1 for v in reaching if v.won)
            rows.append(
                StageCalibration(
                    stage.key,
                    stage.name_en,
                    stage.position,
                    stage.probability,
                    len(reaching),
                    won,
                    ratio(won, len(reaching)),
                )
            )
        pipeline = catalog.pipelines.get(pipeline_id)
        result.append(
            PipelineCalibration(pipeline_id, pipeline.name if pipeline else pipeline_id, tuple(rows))
        )
    return result

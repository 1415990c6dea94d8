"""Calibration: per stage, the share of closed opportunities that reached it and were won,
beside the stage's configured probability, so a company can set probabilities from its history;
the same per lead source, since a trade show's leads may close unlike a website's."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
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
class SourceCalibration:
    source_id: str
    """``""`` for opportunities with no source."""
    source_name: str
    stages: tuple[StageCalibration, ...]


@dataclass(frozen=True)
class PipelineCalibration:
    pipeline_id: str
    pipeline_name: str
    stages: tuple[StageCalibration, ...]
    by_source: tuple[SourceCalibration, ...] = ()
    """The same figures for each source's closed opportunities, by source id."""


NO_SOURCE_NAME = "(no source)"


def source_name(catalog: Catalog, source_id: str) -> str:
    if not source_id:
        return NO_SOURCE_NAME
    source = catalog.sources.get(source_id)
    return source.name if source else source_id


def stage_rows(
    pipeline_id: str, catalog: Catalog, reaching_and_won: Callable[[int], tuple[int, int]]
) -> tuple[StageCalibration, ...]:
    """One row per open stage; ``reaching_and_won(position)``: how many closed opportunities
    reached the stage at that position, and how many of those were won."""
    rows = []
    for stage in catalog.open_stages(pipeline_id):
        reaching, won = reaching_and_won(stage.position)
        rows.append(
            StageCalibration(stage.key, stage.name_en, stage.position, stage.probability, reaching, won,
                             ratio(won, reaching))
        )  # fmt: skip
    return tuple(rows)


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

        def counter(views: list[OpportunityView]) -> Callable[[int], tuple[int, int]]:
            def count(position: int) -> tuple[int, int]:
                reaching = [v for v in views if reached(v, position, catalog)]
                return len(reaching), sum(1 for v in reaching if v.won)

            return count

        by_source: dict[str, list[OpportunityView]] = defaultdict(list)
        for view in closed[pipeline_id]:
            by_source[view.source_id or ""].append(view)
        pipeline = catalog.pipelines.get(pipeline_id)
        result.append(
            PipelineCalibration(
                pipeline_id,
                pipeline.name if pipeline else pipeline_id,
                stage_rows(pipeline_id, catalog, counter(closed[pipeline_id])),
                tuple(
                    SourceCalibration(
                        source_id,
                        source_name(catalog, source_id),
                        stage_rows(pipeline_id, catalog, counter(views)),
                    )
                    for source_id, views in sorted(by_source.items())
                ),
            )
        )
    return result

"""Time in stage per pipeline stage (overall and per rep), the funnel, and what is rotting now."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from services.reporting.domain.catalog import Catalog
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.reports._common import ratio, reached
from services.reporting.domain.stats import DurationStats
from services.reporting.domain.view import OpportunityView


@dataclass(frozen=True)
class RepStageTime:
    rep_id: str
    rep_name: str | None
    stats: DurationStats


@dataclass(frozen=True)
class StageTime:
    stage_key: str
    stage_name: str
    position: int
    overall: DurationStats | None
    per_rep: tuple[RepStageTime, ...]
    reached: int
    conversion_from_previous: Decimal | None
    rotting_count: int = 0
    """Open opportunities in this stage now, longer than its rotting days."""
    open_stays: DurationStats | None = None
    """The stays still running: every opportunity open in this stage now, by its age so far
    (from entering the stage to the report's time), whatever the period; beside ``overall``,
    which counts only stays that ended, so the deals stuck longest still show."""


@dataclass(frozen=True)
class RottingOpportunity:
    opportunity_id: str
    title: str
    owner_id: str
    stage_key: str
    days_in_stage: int
    rotting_days: int


@dataclass(frozen=True)
class PipelineStageTimes:
    pipeline_id: str
    pipeline_name: str
    stages: tuple[StageTime, ...]
    rotting: tuple[RottingOpportunity, ...]
    """The ones rotting longest (a report shows at most ``rotting_limit``), longest first."""
    rotting_count: int = 0
    """All rotting now, however many are shown."""


ROTTING_SHOWN = 50
"""How many rotting opportunities a report lists per pipeline unless asked for more: the ones
rotting longest; the counts cover all of them."""
MAX_ROTTING_LISTED = 1000


def age_seconds(entered_at: datetime, now: datetime) -> int:
    """Whole seconds an open stay has lasted so far."""
    return (now - entered_at) // timedelta(seconds=1)


def longest_rotting(
    rotting: Iterable[RottingOpportunity], limit: int | None
) -> tuple[RottingOpportunity, ...]:
    ordered = sorted(rotting, key=lambda r: (-r.days_in_stage, r.opportunity_id))
    return tuple(ordered if limit is None else ordered[:limit])


def time_in_stage(
    views: Iterable[OpportunityView],
    catalog: Catalog,
    flt: ReportFilter,
    now: datetime,
    rotting_limit: int | None = ROTTING_SHOWN,
) -> list[PipelineStageTimes]:
    """Durations: stays in open stages that ended in the period, per rep by the owner when the
    stay ended; open stays: the age now of every stay still running. Funnel: opportunities created in the period that reached each stage, and the share
    of the previous stage's that did. Rotting: open now, in a stage longer than its rotting days
    (counted per stage, and the ``rotting_limit`` rotting longest listed; None lists all)."""
    durations: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_rep: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    cohort: dict[str, list[OpportunityView]] = defaultdict(list)
    rotting: dict[str, list[RottingOpportunity]] = defaultdict(list)
    open_ages: dict[tuple[str, str], list[int]] = defaultdict(list)
    for view in views:
        if not flt.in_scope(view):
            continue
        for visit in view.visits:
            if flt.contains(visit.left_at):
                durations[(view.pipeline_id, visit.stage_key)].append(visit.seconds)
                by_rep[(view.pipeline_id, visit.stage_key)][visit.owner_id].append(visit.seconds)
        if flt.contains(view.created_at):
            cohort[view.pipeline_id].append(view)
        if view.is_open and view.stage_entered_at <= now:
            open_ages[(view.pipeline_id, view.stage_key)].append(age_seconds(view.stage_entered_at, now))
        stage = catalog.stage(view.pipeline_id, view.stage_key)
        if view.is_open and stage is not None and stage.rotting_days is not None:
            days = (now - view.stage_entered_at).days
            if days > stage.rotting_days:
                rotting[view.pipeline_id].append(
                    RottingOpportunity(
                        view.id, view.title, view.owner_id, view.stage_key, days, stage.rotting_days
                    )
                )
    result = []
    pipelines = set(p for p, _ in durations) | set(cohort) | set(rotting) | set(p for p, _ in open_ages)
    for pipeline_id in sorted(pipelines):
        pipeline = catalog.pipelines.get(pipeline_id)
        stages = []
        previous: int | None = None
        for stage in catalog.open_stages(pipeline_id):
            count = sum(1 for v in cohort[pipeline_id] if reached(v, stage.position, catalog))
            reps = by_rep.get((pipeline_id, stage.key), {})
            per_rep = tuple(
                RepStageTime(rep, catalog.user_name(rep), stats)
                for rep in sorted(reps)
                if (stats := DurationStats.of(reps[rep])) is not None
            )
            stages.append(
                StageTime(
                    stage.key,
                    stage.name_en,
                    stage.position,
                    DurationStats.of(durations[(pipeline_id, stage.key)]),
                    per_rep,
                    count,
                    ratio(count, previous) if previous is not None else None,
                    sum(1 for r in rotting[pipeline_id] if r.stage_key == stage.key),
                    DurationStats.of(open_ages.get((pipeline_id, stage.key), [])),
                )
            )
            previous = count
        result.append(
            PipelineStageTimes(
                pipeline_id,
                pipeline.name if pipeline else pipeline_id,
                tuple(stages),
                longest_rotting(rotting[pipeline_id], rotting_limit),
                len(rotting[pipeline_id]),
            )
        )
    return result

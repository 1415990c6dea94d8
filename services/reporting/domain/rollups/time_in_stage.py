"""Time in stage from month rollups.

One pipeline's month keeps, per team: the seconds of every stay that ended in the month (per
stage and owner at the stay's end, as ints, so medians and p90s stay exact), the funnel signature
counts of the opportunities created in the month, and the open opportunities that entered their
current stage in the month (rotting is judged against "now" when the report is asked for).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from services.reporting.domain.catalog import Catalog
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.reports._common import ratio, reached_by
from services.reporting.domain.reports.time_in_stage import (
    PipelineStageTimes,
    RepStageTime,
    RottingOpportunity,
    StageTime,
)
from services.reporting.domain.rollups.months import Month, in_period, month_of, next_month
from services.reporting.domain.stats import DurationStats
from services.reporting.domain.view import OpportunityView

Signature = tuple[bool, tuple[str, ...]]
"""What ``reached`` needs of one opportunity: won, and the stage keys it reached (sorted)."""


def signature_of(view: OpportunityView) -> Signature:
    return view.won, tuple(sorted(view.reached_stages))


def signatures_to_json(counts: Counter[Signature]) -> list[Any]:
    return [[int(won), list(keys), count] for (won, keys), count in counts.items()]


def signatures_from_json(data: list[Any]) -> Counter[Signature]:
    return Counter({(bool(won), tuple(keys)): count for won, keys, count in data})


def count_reaching(
    counts: Counter[Signature], pipeline_id: str, stage_position: int, catalog: Catalog
) -> tuple[int, int]:
    """How many of the counted opportunities reached the stage, and how many of those were won."""
    reaching = won = 0
    for (is_won, keys), count in counts.items():
        if reached_by(is_won, keys, pipeline_id, stage_position, catalog):
            reaching += count
            won += count if is_won else 0
    return reaching, won


@dataclass(frozen=True)
class _OpenInStage:
    opportunity_id: str
    title: str
    owner_id: str
    stage_key: str
    stage_entered_at: datetime


def _open_to_json(entry: _OpenInStage) -> list[str]:
    return [
        entry.opportunity_id,
        entry.title,
        entry.owner_id,
        entry.stage_key,
        entry.stage_entered_at.isoformat(),
    ]


@dataclass
class _TeamStageTimes:
    stays: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    """Stage key -> owner when the stay ended -> seconds of the stays that ended in the month."""
    created: Counter[Signature] = field(default_factory=Counter)
    open: list[_OpenInStage] = field(default_factory=list)


@dataclass
class StageTimesMonth:
    """One pipeline's figures for one month, kept per team (team None allowed)."""

    teams: dict[str | None, _TeamStageTimes] = field(default_factory=dict)

    @classmethod
    def of(cls, views: Iterable[OpportunityView], month: Month) -> StageTimesMonth:
        """``views``: the pipeline's opportunities that touch ``month`` (a superset is fine)."""
        part = cls()
        for view in views:
            team = part.teams.get(view.team) or _TeamStageTimes()
            for visit in view.visits:
                if month_of(visit.left_at) == month:
                    by_owner = team.stays.setdefault(visit.stage_key, {})
                    by_owner.setdefault(visit.owner_id, []).append(visit.seconds)
            if month_of(view.created_at) == month:
                team.created[signature_of(view)] += 1
            if view.is_open and month_of(view.stage_entered_at) == month:
                team.open.append(
                    _OpenInStage(view.id, view.title, view.owner_id, view.stage_key, view.stage_entered_at)
                )
            if team.stays or team.created or team.open:
                part.teams[view.team] = team
        return part

    def to_json(self) -> Any:
        return [
            [
                team,
                figures.stays,
                signatures_to_json(figures.created),
                [_open_to_json(o) for o in figures.open],
            ]
            for team, figures in self.teams.items()
        ]

    @classmethod
    def from_json(cls, data: Any) -> StageTimesMonth:
        return cls(
            {
                team: _TeamStageTimes(
                    stays,
                    signatures_from_json(created),
                    [_OpenInStage(i, t, o, s, datetime.fromisoformat(at)) for i, t, o, s, at in open_],
                )
                for team, stays, created, open_ in data
            }
        )


def stage_times_months_of(view: OpportunityView) -> set[Month]:
    """Months stays ended, the created month, and while open the month its stage was entered."""
    months = {month_of(visit.left_at) for visit in view.visits} | {month_of(view.created_at)}
    if view.is_open:
        months.add(month_of(view.stage_entered_at))
    return months


def stage_times_months_read(flt: ReportFilter, now: datetime) -> tuple[Month | None, Month | None]:
    """Stays and cohorts come from the period's months, but rotting is "now" whatever the period:
    an open opportunity may have entered its stage in any month up to now's (rotting days are at
    least 1), so every month up to the later of the period's end and now's month is read."""
    if flt.end is None:
        return None, None
    return None, max(month_of(flt.end), next_month(month_of(now)))


def time_in_stage_from_months(
    months: Iterable[tuple[Month, str, StageTimesMonth]],
    catalog: Catalog,
    flt: ReportFilter,
    now: datetime,
) -> list[PipelineStageTimes]:
    """Exactly what ``time_in_stage`` gives for a whole-month period."""
    stays: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    created: dict[str, Counter[Signature]] = defaultdict(Counter)
    rotting: dict[str, list[RottingOpportunity]] = defaultdict(list)
    for month, pipeline_id, part in months:
        if flt.pipeline_id is not None and pipeline_id != flt.pipeline_id:
            continue
        in_scope = in_period(month, flt)
        for team, figures in part.teams.items():
            if flt.team is not None and team != flt.team:
                continue
            if in_scope:
                for stage_key, by_owner in figures.stays.items():
                    for owner, seconds in by_owner.items():
                        stays[(pipeline_id, stage_key)][owner].extend(seconds)
                created[pipeline_id].update(figures.created)
            limits = _rotting_limits(catalog, pipeline_id)  # looked up once, not per opportunity
            for entry in figures.open:
                if (found := _rotting(entry, limits, now)) is not None:
                    rotting[pipeline_id].append(found)
    pipelines = {p for p, _ in stays} | {p for p, c in created.items() if c} | set(rotting)
    return [_pipeline_times(p, stays, created[p], rotting[p], catalog) for p in sorted(pipelines)]


def _rotting_limits(catalog: Catalog, pipeline_id: str) -> dict[str, int | None]:
    """Stage key -> rotting days (None: no limit), the stage ``Catalog.stage`` would find."""
    pipeline = catalog.pipelines.get(pipeline_id)
    limits: dict[str, int | None] = {}
    for stage in pipeline.stages if pipeline else []:
        limits.setdefault(stage.key, stage.rotting_days)
    return limits


def _rotting(entry: _OpenInStage, limits: dict[str, int | None], now: datetime) -> RottingOpportunity | None:
    limit = limits.get(entry.stage_key)
    if limit is None:
        return None
    days = (now - entry.stage_entered_at).days
    if days <= limit:
        return None
    return RottingOpportunity(entry.opportunity_id, entry.title, entry.owner_id, entry.stage_key, days, limit)


def _pipeline_times(
    pipeline_id: str,
    stays: dict[tuple[str, str], dict[str, list[int]]],
    created: Counter[Signature],
    rotting: list[RottingOpportunity],
    catalog: Catalog,
) -> PipelineStageTimes:
    stages = []
    previous: int | None = None
    for stage in catalog.open_stages(pipeline_id):
        count, _ = count_reaching(created, pipeline_id, stage.position, catalog)
        reps = stays.get((pipeline_id, stage.key), {})
        per_rep = tuple(
            RepStageTime(rep, catalog.user_name(rep), stats)
            for rep in sorted(reps)
            if (stats := DurationStats.of(reps[rep])) is not None
        )
        overall = DurationStats.of([s for seconds in reps.values() for s in seconds])
        conversion = ratio(count, previous) if previous is not None else None
        stages.append(
            StageTime(stage.key, stage.name_en, stage.position, overall, per_rep, count, conversion)
        )
        previous = count
    pipeline = catalog.pipelines.get(pipeline_id)
    return PipelineStageTimes(
        pipeline_id,
        pipeline.name if pipeline else pipeline_id,
        tuple(stages),
        tuple(sorted(rotting, key=lambda r: (-r.days_in_stage, r.opportunity_id))),
    )

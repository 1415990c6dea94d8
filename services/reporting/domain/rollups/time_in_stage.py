"""Time in stage from month rollups.

One pipeline's month keeps, per team: the seconds of every stay that ended in the month (per
stage and owner at the stay's end, as ints, so medians and p90s stay exact), the funnel signature
counts of the opportunities created in the month. Rotting, judged against "now" whatever the
period, has rollups of its own (see ``rotting``).
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
from services.reporting.domain.rollups.months import Month, Window, as_window, in_scope
from services.reporting.domain.rollups.rotting import RottingCounts
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


@dataclass
class _TeamStageTimes:
    stays: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    """Stage key -> owner when the stay ended -> seconds of the stays that ended in the month."""
    created: Counter[Signature] = field(default_factory=Counter)


@dataclass
class StageTimesMonth:
    """One pipeline's figures for one month, kept per team (team None allowed)."""

    teams: dict[str | None, _TeamStageTimes] = field(default_factory=dict)

    @classmethod
    def of(cls, views: Iterable[OpportunityView], month: Month | Window) -> StageTimesMonth:
        """``views``: the pipeline's opportunities that touch ``month`` (a superset is fine)."""
        window = as_window(month)
        part = cls()
        for view in views:
            team = part.teams.get(view.team) or _TeamStageTimes()
            for visit in view.visits:
                if window.holds(visit.left_at):
                    by_owner = team.stays.setdefault(visit.stage_key, {})
                    by_owner.setdefault(visit.owner_id, []).append(visit.seconds)
            if window.holds(view.created_at):
                team.created[signature_of(view)] += 1
            if team.stays or team.created:
                part.teams[view.team] = team
        return part

    def to_json(self) -> Any:
        return [
            [team, figures.stays, signatures_to_json(figures.created)] for team, figures in self.teams.items()
        ]

    @classmethod
    def from_json(cls, data: Any) -> StageTimesMonth:
        return cls(
            {team: _TeamStageTimes(stays, signatures_from_json(created)) for team, stays, created in data}
        )


def stage_times_moments_of(view: OpportunityView) -> set[datetime]:
    """When stays ended, and the creation."""
    return {visit.left_at for visit in view.visits} | {view.created_at}


def time_in_stage_from_months(
    months: Iterable[tuple[Month, str, StageTimesMonth]],
    catalog: Catalog,
    flt: ReportFilter,
    rotting: RottingCounts,
    longest_rotting: dict[str, tuple[RottingOpportunity, ...]],
) -> list[PipelineStageTimes]:
    """Exactly what ``time_in_stage`` gives for a whole-month period, with rotting counted and
    listed from its own rollups."""
    stays: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    created: dict[str, Counter[Signature]] = defaultdict(Counter)
    for pipeline_id, figures in in_scope(months, flt):
        for stage_key, by_owner in figures.stays.items():
            for owner, seconds in by_owner.items():
                stays[(pipeline_id, stage_key)][owner].extend(seconds)
        created[pipeline_id].update(figures.created)
    pipelines = (
        {p for p, _ in stays}
        | {p for p, c in created.items() if c}
        | {p for p, _ in rotting.per_stage}
        | {p for p, _ in rotting.open_ages}
    )
    return [
        _pipeline_times(p, stays, created[p], rotting, longest_rotting.get(p, ()), catalog)
        for p in sorted(pipelines)
    ]


def _pipeline_times(
    pipeline_id: str,
    stays: dict[tuple[str, str], dict[str, list[int]]],
    created: Counter[Signature],
    rotting: RottingCounts,
    longest_rotting: tuple[RottingOpportunity, ...],
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
        rotting_now = rotting.per_stage.get((pipeline_id, stage.key), 0)
        open_stays = DurationStats.of(rotting.open_ages.get((pipeline_id, stage.key), []))
        stages.append(
            StageTime(
                stage.key,
                stage.name_en,
                stage.position,
                overall,
                per_rep,
                count,
                conversion,
                rotting_now,
                open_stays,
            )
        )
        previous = count
    pipeline = catalog.pipelines.get(pipeline_id)
    return PipelineStageTimes(
        pipeline_id,
        pipeline.name if pipeline else pipeline_id,
        tuple(stages),
        longest_rotting,
        sum(n for (p, _), n in rotting.per_stage.items() if p == pipeline_id),
    )

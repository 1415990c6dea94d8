"""Rotting now, from month rollups of the open opportunities by the month they entered their
current stage.

Two partials per month: ``OpenSinceMonth`` keeps only when each open opportunity entered its
stage (sorted, per team and stage), from which every stage's rotting count follows by bisection;
``OpenEntriesMonth`` keeps what a listed one shows. The count reads the first from every month;
the list, the longest rotting, reads the second only from the oldest months that hold them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from services.reporting.domain.catalog import Catalog
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.reports.time_in_stage import RottingOpportunity
from services.reporting.domain.rollups.months import (
    Month,
    TeamPartial,
    Window,
    as_window,
    in_scope,
    month_of,
    next_month,
)
from services.reporting.domain.view import OpportunityView

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
T = TypeVar("T")
Entry = tuple[int, str, str, str]
"""When it entered its stage (µs since the epoch), id, title, owner."""


def _micros(moment: datetime) -> int:
    return (moment - _EPOCH) // timedelta(microseconds=1)


_MICROS_PER_DAY = 86_400_000_000
_MICROS_PER_SECOND = 1_000_000


def _moment(micros: int) -> datetime:
    return _EPOCH + timedelta(microseconds=micros)


def rotting_moments_of(view: OpportunityView) -> set[datetime]:
    return {view.stage_entered_at} if view.is_open else set()


def rotting_months_read(now: datetime) -> tuple[Month | None, Month | None]:
    """Every month up to now's: an opportunity may have entered its stage any time before."""
    return None, next_month(month_of(now))


def _by_team_and_stage(
    views: Iterable[OpportunityView], month: Month | Window, entry: Callable[[OpportunityView], T]
) -> dict[str | None, dict[str, list[T]]]:
    """``entry`` of each opportunity open in a stage it entered in ``month``, by team and stage,
    oldest first."""
    window = as_window(month)
    grouped: dict[str | None, dict[str, list[T]]] = {}
    for view in views:
        if view.is_open and window.holds(view.stage_entered_at):
            grouped.setdefault(view.team, {}).setdefault(view.stage_key, []).append(entry(view))
    for stages in grouped.values():
        for entries in stages.values():
            entries.sort()
    return grouped


@dataclass
class OpenSinceMonth:
    teams: dict[str | None, dict[str, list[int]]] = field(default_factory=dict)
    """Team -> stage key -> when each open opportunity entered it (µs), sorted."""

    @classmethod
    def of(cls, views: Iterable[OpportunityView], month: Month | Window) -> OpenSinceMonth:
        return cls(_by_team_and_stage(views, month, lambda view: _micros(view.stage_entered_at)))

    def to_json(self) -> Any:
        return [[team, stages] for team, stages in self.teams.items()]

    @classmethod
    def from_json(cls, data: Any) -> OpenSinceMonth:
        return cls({team: stages for team, stages in data})


def _entry(view: OpportunityView) -> Entry:
    return _micros(view.stage_entered_at), view.id, view.title, view.owner_id


@dataclass
class OpenEntriesMonth:
    teams: dict[str | None, dict[str, list[Entry]]] = field(default_factory=dict)
    """Team -> stage key -> the open opportunities that entered it, oldest first."""

    @classmethod
    def of(cls, views: Iterable[OpportunityView], month: Month | Window) -> OpenEntriesMonth:
        return cls(_by_team_and_stage(views, month, _entry))

    def to_json(self) -> Any:
        return [[team, {stage: [list(e) for e in entries] for stage, entries in stages.items()}]
                for team, stages in self.teams.items()]  # fmt: skip

    @classmethod
    def from_json(cls, data: Any) -> OpenEntriesMonth:
        return cls(
            {
                team: {stage: [tuple(e) for e in entries] for stage, entries in stages.items()}
                for team, stages in data
            }
        )


def rotting_limits(catalog: Catalog, pipeline_id: str) -> dict[str, int]:
    """Stage key -> rotting days, for the stages that have a limit (the stage ``Catalog.stage``
    finds for the key)."""
    pipeline = catalog.pipelines.get(pipeline_id)
    limits: dict[str, int | None] = {}
    for stage in pipeline.stages if pipeline else []:
        limits.setdefault(stage.key, stage.rotting_days)
    return {key: days for key, days in limits.items() if days is not None}


def _last_entered(days: int, now: datetime) -> int:
    """The latest stage entry (µs) that has rotted: ``(now - entered).days > days``."""
    return _micros(now - timedelta(days=days + 1))


@dataclass(frozen=True)
class RottingCounts:
    per_stage: dict[tuple[str, str], int]
    """(pipeline, stage key) -> how many are rotting now."""
    entered: dict[str, list[int]]
    """Pipeline -> when each of its rotting opportunities entered its stage (µs)."""
    open_ages: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    """(pipeline, stage key) -> the age now (whole seconds) of every open stay in it, rotting
    limit or not."""


def _stages_in_scope(
    months: Iterable[tuple[Month, str, TeamPartial[Mapping[str, list[Any]]]]],
    catalog: Catalog,
    flt: ReportFilter,
) -> Iterator[tuple[str, str, int, list[Any]]]:
    """(pipeline, stage key, rotting days, what the month keeps for it) for every stage with a
    rotting limit, in the filter's pipeline and team; rotting is now, whatever the period."""
    limits: dict[str, dict[str, int]] = {}
    for pipeline_id, stages in in_scope(months, flt, whole_period=False):
        pipeline_limits = limits.setdefault(pipeline_id, rotting_limits(catalog, pipeline_id))
        for stage_key, kept in stages.items():
            if stage_key in pipeline_limits:
                yield pipeline_id, stage_key, pipeline_limits[stage_key], kept


def rotting_counts(
    months: Iterable[tuple[Month, str, OpenSinceMonth]], catalog: Catalog, flt: ReportFilter, now: datetime
) -> RottingCounts:
    months = list(months)
    per_stage: dict[tuple[str, str], int] = defaultdict(int)
    rotting_entered: dict[str, list[int]] = defaultdict(list)
    for pipeline_id, stage_key, days_limit, entered in _stages_in_scope(months, catalog, flt):
        count = bisect_right(entered, _last_entered(days_limit, now))
        per_stage[(pipeline_id, stage_key)] += count
        rotting_entered[pipeline_id] += entered[:count]
    return RottingCounts(
        {key: n for key, n in per_stage.items() if n}, dict(rotting_entered), open_ages(months, flt, now)
    )


def open_ages(
    months: Iterable[tuple[Month, str, OpenSinceMonth]], flt: ReportFilter, now: datetime
) -> dict[tuple[str, str], list[int]]:
    """The age now, in whole seconds (as ``age_seconds``), of every open stay in the filter's
    pipeline and team, per (pipeline, stage key)."""
    now_micros = _micros(now)
    ages: dict[tuple[str, str], list[int]] = defaultdict(list)
    for pipeline_id, stages in in_scope(months, flt, whole_period=False):
        for stage_key, entered in stages.items():
            # A stay entered after the report's time was not running then.
            ages[(pipeline_id, stage_key)].extend(
                (now_micros - e) // _MICROS_PER_SECOND for e in entered if e <= now_micros
            )
    return dict(ages)


def entry_months(
    counts: RottingCounts, limit: int | None, now: datetime
) -> tuple[Month | None, Month | None]:
    """The months whose entries a list of the ``limit`` rotting longest needs, in every pipeline:
    from the oldest entry to the last one that rotted as many whole days as the ``limit``-th
    (those tie, and the list orders ties by id)."""
    oldest = [min(entered) for entered in counts.entered.values() if entered]
    if not oldest:
        return None, None
    first = month_of(_moment(min(oldest)))
    if limit is None:
        return first, None
    now_micros = _micros(now)
    last = first
    for entered in counts.entered.values():
        if entered:
            days = (now_micros - sorted(entered)[:limit][-1]) // _MICROS_PER_DAY
            last = max(last, month_of(_moment(now_micros - days * _MICROS_PER_DAY)))
    return first, next_month(last)


def longest_rotting_from_months(
    months: Iterable[tuple[Month, str, OpenEntriesMonth]],
    catalog: Catalog,
    flt: ReportFilter,
    now: datetime,
    limit: int | None,
) -> dict[str, tuple[RottingOpportunity, ...]]:
    """Per pipeline, the ``limit`` rotting longest, in the order ``time_in_stage`` lists them.
    Candidates stay plain tuples (days as whole-day floor division, as ``timedelta.days``) until
    the few listed are chosen."""
    now_micros = _micros(now)
    candidates: dict[str, list[tuple[int, str, str, str, str, int]]] = defaultdict(list)
    for pipeline_id, stage_key, days_limit, entries in _stages_in_scope(months, catalog, flt):
        last = _last_entered(days_limit, now)
        for entered, opportunity_id, title, owner_id in entries:  # oldest first
            if entered > last:
                break
            days = (now_micros - entered) // _MICROS_PER_DAY
            candidates[pipeline_id].append((-days, opportunity_id, title, owner_id, stage_key, days_limit))
    listed: dict[str, tuple[RottingOpportunity, ...]] = {}
    for pipeline_id, found in candidates.items():
        chosen = sorted(found)[:limit] if limit is not None else sorted(found)
        listed[pipeline_id] = tuple(
            RottingOpportunity(opportunity_id, title, owner_id, stage_key, -negative_days, days_limit)
            for negative_days, opportunity_id, title, owner_id, stage_key, days_limit in chosen
        )
    return listed

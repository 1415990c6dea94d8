"""Every report kept as month rollups: how an opportunity picks its months, and how a month's
partial is computed from the opportunities that touch it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, Protocol, Self, TypeVar

from services.reporting.domain.rollups.appraisal import (
    AppraisalMonth,
    ScoresMonth,
    appraisal_moments_of,
    scores_moments_of,
)
from services.reporting.domain.rollups.calibration import CalibrationMonth, calibration_moments_of
from services.reporting.domain.rollups.forecast import ForecastMonth, forecast_moments_of
from services.reporting.domain.rollups.lost_reasons import LostReasonsMonth, lost_reasons_moments_of
from services.reporting.domain.rollups.months import Month, Window, month_of
from services.reporting.domain.rollups.overdue import OverdueMonth, overdue_moments_of
from services.reporting.domain.rollups.rotting import OpenEntriesMonth, OpenSinceMonth, rotting_moments_of
from services.reporting.domain.rollups.source_value import SourceValueMonth, source_value_moments_of
from services.reporting.domain.rollups.time_in_stage import StageTimesMonth, stage_times_moments_of
from services.reporting.domain.view import OpportunityView

P = TypeVar("P", bound="MonthPartial")


class MonthPartial(Protocol):
    """A report's figures for one month (or part of one), kept as JSON."""

    @classmethod
    def of(cls, views: Iterable[OpportunityView], month: Month | Window) -> Self: ...
    def to_json(self) -> Any: ...
    @classmethod
    def from_json(cls, data: Any) -> Self: ...


@dataclass(frozen=True)
class RollupKind(Generic[P]):
    name: str
    """The partial's field in a rollup document."""
    moments_of: Callable[[OpportunityView], set[datetime]]
    """The instants at which an opportunity counts in this report: a window's partial takes
    only the opportunities with one in it (a superset is fine), so a month, a day or a quarter
    hour is computed from those alone."""
    partial_type: type[P]

    def months_of(self, view: OpportunityView) -> set[Month]:
        return {month_of(moment) for moment in self.moments_of(view)}

    def partial(self, views: Iterable[OpportunityView], month: Month | Window) -> Any:
        """The partial of a month, or of part of one, as JSON data."""
        return self.partial_type.of(views, month).to_json()

    def decode(self, data: Any) -> P:
        return self.partial_type.from_json(data)


APPRAISAL = RollupKind("appraisal", appraisal_moments_of, AppraisalMonth)
APPRAISAL_SCORES = RollupKind("appraisal_scores", scores_moments_of, ScoresMonth)
OVERDUE = RollupKind("overdue", overdue_moments_of, OverdueMonth)
STAGE_TIMES = RollupKind("stage_times", stage_times_moments_of, StageTimesMonth)
SOURCE_VALUE = RollupKind("source_value", source_value_moments_of, SourceValueMonth)
CALIBRATION = RollupKind("calibration", calibration_moments_of, CalibrationMonth)
FORECAST = RollupKind("forecast", forecast_moments_of, ForecastMonth)
LOST_REASONS = RollupKind("lost_reasons", lost_reasons_moments_of, LostReasonsMonth)
OPEN_SINCE = RollupKind("open_since", rotting_moments_of, OpenSinceMonth)
OPEN_ENTRIES = RollupKind("open_entries", rotting_moments_of, OpenEntriesMonth)
KINDS: tuple[RollupKind[Any], ...] = (
    APPRAISAL, APPRAISAL_SCORES, OVERDUE, STAGE_TIMES, SOURCE_VALUE, CALIBRATION, FORECAST, LOST_REASONS, OPEN_SINCE,
    OPEN_ENTRIES,
)  # fmt: skip


PERIOD_KINDS: tuple[RollupKind[Any], ...] = (
    APPRAISAL,
    APPRAISAL_SCORES,
    OVERDUE,
    STAGE_TIMES,
    SOURCE_VALUE,
    CALIBRATION,
    FORECAST,
    LOST_REASONS,
)
"""The kinds a report reads for a period, whose parts of a month are also kept as blocks of
days and of quarter hours (the rotting kinds are read for "now", by whole months)."""


def period_moments_of(view: OpportunityView) -> set[datetime]:
    """Every instant at which the opportunity counts in some period report: a quarter hour lists
    the opportunities with one in it, for the parts of it an edge covers."""
    return {moment for kind in PERIOD_KINDS for moment in kind.moments_of(view)}


ROLLUP_LAYOUT = 8
"""Raise it whenever a kind is added, a partial's JSON changes or rollups find their members
another way: documents are keyed and listed, and every rollup rebuilt, at the next start.
2: the partials of each day are kept too. 3: partials of aligned blocks of days and of quarter
hours (``domain/rollups/blocks.py``), and a point of ownership on a quarter hour's first instant
is kept as irregular. 4: the rollups' versions are kept in one document. 5: each rollup lists
its opportunities (no index on the documents). 6: lost reasons. 7: calibration keeps its counts
per lead source. 8: the appraisal's score is kept as each win's
appraisal terms (the policy's rules price them), in a kind of its own."""


def rollup_key(month: Month, pipeline_id: str) -> str:
    """A rollup's id: month first, so a range of ids is a range of months."""
    return f"{month}|{pipeline_id}"


def split_key(key: str) -> tuple[Month, str]:
    month, pipeline_id = key.split("|", 1)
    return month, pipeline_id


def rollup_keys(view: OpportunityView) -> set[str]:
    """The rollups this opportunity counts in: recomputed whenever it changes."""
    moments = set().union(*(kind.moments_of(view) for kind in KINDS))
    return {rollup_key(month, view.pipeline_id) for month in {month_of(moment) for moment in moments}}

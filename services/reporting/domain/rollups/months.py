"""Calendar months (UTC) as rollup keys, and which periods are made of whole months."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Protocol, TypeVar

from services.reporting.domain.filters import ReportFilter

Month = str
"""``YYYY-MM``; sorts in time order as a string."""
T = TypeVar("T", covariant=True)


def month_of(moment: datetime | date) -> Month:
    if isinstance(moment, datetime) and moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)  # the model's moments are UTC already: the usual case skips it
    return f"{moment.year:04d}-{moment.month:02d}"


def end_moment(end: datetime) -> datetime:
    """Where an interval ending at ``end`` is counted: its last instant (a window holds an end
    when ``start < end <= window end``, that is when it holds this instant)."""
    return end - timedelta(microseconds=1)


def day_moment(day: date) -> datetime:
    """Where a calendar day (an expected close date) is counted: its last instant, UTC. A window
    holds that day as ``Window.holds_day`` counts it exactly when it holds this instant."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=1, microseconds=-1)


def month_start(month: Month) -> datetime:
    return datetime(int(month[:4]), int(month[5:7]), 1, tzinfo=UTC)


def next_month(month: Month) -> Month:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + 1:04d}-01" if number == 12 else f"{year:04d}-{number + 1:02d}"


def _is_month_start(moment: datetime) -> bool:
    moment = moment.astimezone(UTC)
    return moment == datetime(moment.year, moment.month, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Window:
    """A stretch of one month: all of it (what a rollup keeps), or the part of it a period
    covers at either end of the period."""

    month: Month
    start: datetime
    end: datetime

    def holds(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    def holds_end(self, end: datetime) -> bool:
        """Whether an interval ending at ``end`` was last running in this window."""
        return self.start < end <= self.end

    def holds_day(self, day: date) -> bool:
        """Calendar days as ``ReportFilter.contains_day`` counts them."""
        return self.start.date() <= day < self.end.date()


def month_window(month: Month) -> Window:
    return Window(month, month_start(month), month_start(next_month(month)))


QUARTER = timedelta(minutes=15)
"""The finest slot rollups keep partials of: every time zone's midnight falls on one."""


def on_quarter_boundary(moment: datetime) -> bool:
    return (moment - month_start(month_of(moment))) % QUARTER == timedelta(0)


def as_window(month: Month | Window) -> Window:
    return month if isinstance(month, Window) else month_window(month)


def in_period(month: Month, flt: ReportFilter) -> bool:
    """Whether ``month`` overlaps the period: a whole month inside it, or one it starts or ends
    in (whose partial then covers only the period's part of it, see ``PeriodPieces``)."""
    return (flt.start is None or month >= month_of(flt.start)) and (
        flt.end is None or month_start(month) < flt.end
    )


class TeamPartial(Protocol[T]):
    """A month's partial: its figures per team."""

    @property
    def teams(self) -> Mapping[str | None, T]: ...


def in_scope(
    months: Iterable[tuple[Month, str, TeamPartial[T]]], flt: ReportFilter, *, whole_period: bool = True
) -> Iterator[tuple[str, T]]:
    """(pipeline, one team's figures) of every partial in the filter's pipeline and team, and
    (unless ``whole_period`` is False, for figures judged against now) in its period."""
    for month, pipeline_id, part in months:
        if flt.pipeline_id is not None and pipeline_id != flt.pipeline_id:
            continue
        if whole_period and not in_period(month, flt):
            continue
        for team, figures in part.teams.items():
            if flt.team is None or team == flt.team:
                yield pipeline_id, figures


@dataclass(frozen=True)
class PeriodPieces:
    """A period as rollups answer it: the whole months inside it, read from rollups, and the
    parts of the months it starts or ends in, computed from the opportunities of those months."""

    first: Month | None
    """The first whole month (None: from the beginning)."""
    end: Month | None
    """The month after the last whole one (None: to the end)."""
    edges: tuple[Window, ...]
    """The period's parts of the months it starts or ends in, when not on a month boundary."""
    lead: Window | None
    """The part of the month the period starts in that lies before it (the appraisal counts who
    held what at the period's start from it)."""


def period_pieces(flt: ReportFilter) -> PeriodPieces:
    start, end = flt.start, flt.end
    first = (
        None if start is None else month_of(start) if _is_month_start(start) else next_month(month_of(start))
    )
    last = None if end is None else month_of(end)
    edges: list[Window] = []
    lead = None
    if start is not None and not _is_month_start(start):
        month = month_of(start)
        edge_end = month_start(next_month(month))
        edges.append(Window(month, start, edge_end if end is None else min(edge_end, end)))
        lead = Window(month, month_start(month), start)
    if end is not None and not _is_month_start(end):
        month = month_of(end)
        if lead is None or lead.month != month:  # else the first edge already ends at ``end``
            edges.append(Window(month, month_start(month), end))
    if first is not None and last is not None and first > last:
        last = first  # the period lies inside one month: no whole month
    return PeriodPieces(first, last, tuple(edges), lead)

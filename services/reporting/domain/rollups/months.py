"""Calendar months (UTC) as rollup keys, and which periods are made of whole months."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from services.reporting.domain.filters import ReportFilter

Month = str
"""``YYYY-MM``; sorts in time order as a string."""


def month_of(moment: datetime | date) -> Month:
    if isinstance(moment, datetime) and moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)  # the model's moments are UTC already: the usual case skips it
    return f"{moment.year:04d}-{moment.month:02d}"


def month_before_end_of(end: datetime) -> Month:
    """The month holding the last instant before ``end``: an interval ending exactly at a month's
    first instant belongs to the month before."""
    return month_of(end - timedelta(microseconds=1))


def month_start(month: Month) -> datetime:
    return datetime(int(month[:4]), int(month[5:7]), 1, tzinfo=UTC)


def next_month(month: Month) -> Month:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + 1:04d}-01" if number == 12 else f"{year:04d}-{number + 1:02d}"


def _is_month_start(moment: datetime) -> bool:
    moment = moment.astimezone(UTC)
    return moment == datetime(moment.year, moment.month, 1, tzinfo=UTC)


def whole_months(flt: ReportFilter) -> bool:
    """Whether the period starts and ends on month boundaries (an open side counts): then it is
    exactly a run of whole months and rollups answer it."""
    return all(bound is None or _is_month_start(bound) for bound in (flt.start, flt.end))


def in_period(month: Month, flt: ReportFilter) -> bool:
    """For a whole-month period: whether ``month`` lies in it."""
    return (flt.start is None or month >= month_of(flt.start)) and (
        flt.end is None or month < month_of(flt.end)
    )


def before_period(month: Month, flt: ReportFilter) -> bool:
    return flt.start is not None and month < month_of(flt.start)

"""The MongoDB filters that select each report's population, narrowed by the report filter.

A population that is a union is a list of filters run one by one and merged by id, never a
``$or``: each plain filter is served by one declared index, while a ``$or`` may scan the whole
collection. Reports then apply the exact rules to what comes back."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from services.reporting.adapters.documents import day_to_datetime
from services.reporting.domain.filters import ReportFilter

Query = dict[str, Any]


def _scope(flt: ReportFilter) -> Query:
    query: Query = {}
    if flt.pipeline_id is not None:
        query["pipeline_id"] = flt.pipeline_id
    if flt.team is not None:
        query["team"] = flt.team
    return query


def _range(flt: ReportFilter) -> Query:
    bounds: Query = {}
    if flt.start is not None:
        bounds["$gte"] = flt.start
    if flt.end is not None:
        bounds["$lt"] = flt.end
    return bounds


def _in_period(field: str, flt: ReportFilter) -> Query:
    bounds = _range(flt)
    return {field: bounds} if bounds else {field: {"$exists": True}}


def _any_of(flt: ReportFilter, *branches: Query) -> list[Query]:
    return [{**_scope(flt), **branch} for branch in branches]


def created_in(flt: ReportFilter) -> list[Query]:
    return [{**_scope(flt), **_in_period("created_at", flt)}]


def closed_in(flt: ReportFilter) -> list[Query]:
    return [{**_scope(flt), "closed_at": _range(flt) or {"$ne": None}}]


def open_due_in(flt: ReportFilter) -> list[Query]:
    due: Query = {}
    if flt.start is not None:
        due["$gte"] = day_to_datetime(flt.start.date())
    if flt.end is not None:
        due["$lt"] = day_to_datetime(flt.end.date())
    return [{**_scope(flt), "status": "OPEN", "expected_close_date": due or {"$exists": True}}]


def alive_during(flt: ReportFilter) -> list[Query]:
    """Open at some moment of the period: created in it, closed in it, or open across its start
    (still open, or closed after it)."""
    if flt.start is None:
        return [{**_scope(flt), "created_at": {"$lt": flt.end} if flt.end else {"$exists": True}}]
    before_start = {"$lt": flt.start}
    return _any_of(
        flt,
        _in_period("created_at", flt),
        {"closed_at": _range(flt)},
        {"status": "OPEN", "created_at": before_start},
        {"closed_at": {"$gte": flt.end}, "created_at": before_start}
        if flt.end
        else {"closed_at": {"$gte": flt.start}},
    )


def overdue_population(flt: ReportFilter, today: date) -> list[Query]:
    due: Query = {"$lt": day_to_datetime(today)}
    if flt.start is not None:
        due["$gte"] = day_to_datetime(flt.start.date())
    return _any_of(
        flt,
        {"status": "OPEN", "expected_close_date": due},
        {"closed_at": _range(flt) or {"$ne": None}},
        _in_period("close_date_changes.at", flt),
    )


def stage_population(flt: ReportFilter, entered_before: datetime | None) -> list[Query]:
    """Stays ended in the period, the period's cohort, and open ones that may be rotting."""
    branches = [_in_period("visits.left_at", flt), _in_period("created_at", flt)]
    if entered_before is not None:
        branches.append({"status": "OPEN", "stage_entered_at": {"$lt": entered_before}})
    return _any_of(flt, *branches)

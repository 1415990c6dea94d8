"""The MongoDB filter that selects each report's population, narrowed by the report filter so
every query is backed by one of the declared indexes. Reports then apply the exact rules."""

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


def _any_of(flt: ReportFilter, *branches: Query) -> Query:
    return {**_scope(flt), "$or": list(branches)}


def created_in(flt: ReportFilter) -> Query:
    return {**_scope(flt), **_in_period("created_at", flt)}


def closed_in(flt: ReportFilter) -> Query:
    return {**_scope(flt), "closed_at": _range(flt) or {"$ne": None}}


def open_due_in(flt: ReportFilter) -> Query:
    due: Query = {}
    if flt.start is not None:
        due["$gte"] = day_to_datetime(flt.start.date())
    if flt.end is not None:
        due["$lt"] = day_to_datetime(flt.end.date())
    return {**_scope(flt), "status": "OPEN", "expected_close_date": due or {"$exists": True}}


def alive_during(flt: ReportFilter) -> Query:
    """Open at some moment of the period: created before it ends, not closed before it starts."""
    query = _scope(flt)
    if flt.end is not None:
        query["created_at"] = {"$lt": flt.end}
    if flt.start is not None:
        query["$or"] = [{"closed_at": None}, {"closed_at": {"$gte": flt.start}}]
    return query


def overdue_population(flt: ReportFilter, today: date) -> Query:
    due: Query = {"$lt": day_to_datetime(today)}
    if flt.start is not None:
        due["$gte"] = day_to_datetime(flt.start.date())
    return _any_of(
        flt,
        {"status": "OPEN", "expected_close_date": due},
        {"closed_at": _range(flt) or {"$ne": None}},
        _in_period("close_date_changes.at", flt),
    )


def stage_population(flt: ReportFilter, entered_before: datetime | None) -> Query:
    """Stays ended in the period, the period's cohort, and open ones that may be rotting."""
    branches = [_in_period("visits.left_at", flt), _in_period("created_at", flt)]
    if entered_before is not None:
        branches.append({"status": "OPEN", "stage_entered_at": {"$lt": entered_before}})
    return _any_of(flt, *branches)

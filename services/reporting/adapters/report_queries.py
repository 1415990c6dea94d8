"""The MongoDB filters that select each report's population, narrowed by the report filter.

A population that is a union is a list of branches run one by one and merged by id, never a
``$or`` (which the test server answers with a full scan). Each branch filters on the fields of
the one declared index that serves it, and nothing else: with the pipeline or team added, the
test server's planner falls back to a full scan (and a hint makes it slower still), so the scope
is applied by the reports themselves (``ReportFilter.in_scope``). Each branch names its index; a
test checks with ``explain`` that the index serves it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

from services.reporting.adapters.collections import (
    BY_CLOSE_DATE_CHANGED,
    BY_CLOSED,
    BY_CREATED,
    BY_VISIT_LEFT,
    CLOSED_BY_ACTIVE_MONTH,
    OPEN_BY_CREATED,
    OPEN_BY_DUE,
    OPEN_BY_STAGE_KEY_ENTERED,
)
from services.reporting.adapters.documents import day_to_datetime, months_between
from services.reporting.domain.filters import ReportFilter

Query = dict[str, Any]


class Branch(NamedTuple):
    query: Query
    index_name: str


# The fields each report reads (besides ``_id``): a projection, so the server encodes and the
# client decodes only those; the scope fields come first as every report filters on them.
_SCOPE = ("pipeline_id", "team", "status")
APPRAISAL_FIELDS = (*_SCOPE, "owner_id", "ownership", "created_at", "closed_at", "expected_close_date",
                    "amount", "currency", "difficulty", "is_new_customer", "is_new_product")  # fmt: skip
OVERDUE_FIELDS = (*_SCOPE, "owner_id", "title", "customer_name", "stage_key", "expected_close_date",
                  "closed_at", "amount", "currency", "close_date_changes")  # fmt: skip
STAGE_FIELDS = (*_SCOPE, "owner_id", "title", "stage_key", "stage_entered_at", "created_at", "visits",
                "reached_stages")  # fmt: skip
SOURCE_FIELDS = (*_SCOPE, "source_id", "created_at", "closed_at", "amount", "currency", "probability")
FORECAST_FIELDS = (*_SCOPE, "owner_id", "expected_close_date", "amount", "currency", "probability")
CALIBRATION_FIELDS = (*_SCOPE, "closed_at", "reached_stages")


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


def created_in(flt: ReportFilter) -> list[Branch]:
    return [Branch(_in_period("created_at", flt), BY_CREATED)]


def closed_in(flt: ReportFilter) -> list[Branch]:
    return [Branch({"closed_at": _range(flt) or {"$ne": None}}, BY_CLOSED)]


def open_due_in(flt: ReportFilter) -> list[Branch]:
    due: Query = {}
    if flt.start is not None:
        due["$gte"] = day_to_datetime(flt.start.date())
    if flt.end is not None:
        due["$lt"] = day_to_datetime(flt.end.date())
    return [Branch({"status": "OPEN", "expected_close_date": due or {"$exists": True}}, OPEN_BY_DUE)]


def alive_during(flt: ReportFilter) -> list[Branch]:
    """Open at some moment of the period: still open and created before its end, or closed and open
    in one of its months. A closed opportunity always has ``closed_at`` (the opportunity service
    sets it on every close), so those created in the period are found by their months too and need
    no branch of their own: each document is read once."""
    if flt.start is None:
        return [Branch({"created_at": {"$lt": flt.end} if flt.end else {"$exists": True}}, BY_CREATED)]
    last = (flt.end - timedelta(microseconds=1)) if flt.end else datetime.now(UTC)
    closed = Branch(
        {"active_months": {"$in": months_between(flt.start, max(last, flt.start))}},
        CLOSED_BY_ACTIVE_MONTH,
    )
    if flt.end is None:
        return [
            Branch(_in_period("created_at", flt), BY_CREATED),
            Branch({"status": "OPEN", "created_at": {"$lt": flt.start}}, OPEN_BY_CREATED),
            closed,
        ]
    return [Branch({"status": "OPEN", "created_at": {"$lt": flt.end}}, OPEN_BY_CREATED), closed]


def overdue_population(flt: ReportFilter, today: date) -> list[Branch]:
    due: Query = {"$lt": day_to_datetime(today)}
    if flt.start is not None:
        due["$gte"] = day_to_datetime(flt.start.date())
    return [
        Branch({"status": "OPEN", "expected_close_date": due}, OPEN_BY_DUE),
        Branch({"closed_at": _range(flt) or {"$ne": None}}, BY_CLOSED),
        Branch(_in_period("close_date_changes.at", flt), BY_CLOSE_DATE_CHANGED),
    ]


def stage_population(flt: ReportFilter, rotting_cutoffs: Mapping[str, datetime]) -> list[Branch]:
    """Stays ended in the period, the period's cohort, and open ones that may be rotting: one
    branch per stage with a rotting limit, those that entered it before its cut-off (stages with
    no limit are not read for rotting)."""
    branches = [
        Branch(_in_period("visits.left_at", flt), BY_VISIT_LEFT),
        Branch(_in_period("created_at", flt), BY_CREATED),
    ]
    for stage_key, cutoff in sorted(rotting_cutoffs.items()):
        branches.append(
            Branch(
                {"status": "OPEN", "stage_key": stage_key, "stage_entered_at": {"$lt": cutoff}},
                OPEN_BY_STAGE_KEY_ENTERED,
            )
        )
    return branches

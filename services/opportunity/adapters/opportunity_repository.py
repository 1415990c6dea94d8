"""Opportunities in MongoDB: the list query with its filters, keyset pagination and indexes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document, Index
from services.opportunity.adapters.cursor import after_clause, encode_cursor
from services.opportunity.adapters.documents import day_to_bson, doc_to_opportunity, opportunity_to_doc
from services.opportunity.adapters.search_tokens import query_tokens
from services.opportunity.adapters.store import VersionedStore
from services.opportunity.application.queries import OpportunityOrder, OpportunityQuery, Page, Scope
from services.opportunity.domain.opportunity import Opportunity, Status

OPPORTUNITIES = "opportunities"

_ORDER: dict[OpportunityOrder, tuple[str, int]] = {
    OpportunityOrder.CREATED_AT_DESC: ("created_at", -1),
    OpportunityOrder.CREATED_AT_ASC: ("created_at", 1),
    OpportunityOrder.EXPECTED_CLOSE_DATE_ASC: ("expected_close_date", 1),
    OpportunityOrder.EXPECTED_CLOSE_DATE_DESC: ("expected_close_date", -1),
    OpportunityOrder.UPDATED_AT_DESC: ("updated_at", -1),
}


def _ix(name: str, *keys: str) -> Index:
    return Index(OPPORTUNITIES, [(k, 1) for k in keys], f"opp_{name}")


# One index per list filter (equality keys first, then the range or sort key).
OPPORTUNITY_INDEXES = [
    _ix("created", "created_at", "_id"),
    _ix("updated", "updated_at", "_id"),
    _ix("close", "expected_close_date", "_id"),
    _ix("owner_created", "owner_id", "created_at"),
    _ix("owner_status_close", "owner_id", "status", "expected_close_date"),
    _ix("team_created", "team", "created_at"),
    _ix("team_status_close", "team", "status", "expected_close_date"),
    _ix("pipeline_stage_created", "pipeline_id", "stage_key", "created_at"),
    _ix("status_close", "status", "expected_close_date"),
    _ix("source_created", "source_id", "created_at"),
    _ix("search_tokens", "search_tokens"),
]


def scope_clause(scope: Scope) -> dict[str, Any] | None:
    if scope.everything:
        return None
    if scope.team and scope.owner_id:
        return {"$or": [{"team": scope.team}, {"owner_id": scope.owner_id}]}
    if scope.team:
        return {"team": scope.team}
    return {"owner_id": scope.owner_id}


def build_filter(query: OpportunityQuery) -> dict[str, Any]:
    """The MongoDB filter for a list query, the visibility scope included, the cursor excluded."""
    f = query.filter
    clauses: list[dict[str, Any]] = []
    if (scoped := scope_clause(query.scope)) is not None:
        clauses.append(scoped)
    for field, value in (
        ("owner_id", f.owner_id), ("team", f.team), ("pipeline_id", f.pipeline_id),
        ("stage_key", f.stage_key), ("source_id", f.source_id),
    ):  # fmt: skip
        if value is not None:
            clauses.append({field: value})
    if f.status is not None:
        clauses.append({"status": f.status.value})
    today = day_to_bson(query.today)
    if f.closing_within_days is not None:
        until = today + timedelta(days=f.closing_within_days)
        clauses.append({"status": Status.OPEN.value, "expected_close_date": {"$gte": today, "$lte": until}})
    if f.overdue is True:
        clauses.append({"status": Status.OPEN.value, "expected_close_date": {"$lt": today}})
    elif f.overdue is False:
        clauses.append(
            {"$or": [{"status": {"$ne": Status.OPEN.value}}, {"expected_close_date": {"$gte": today}}]}
        )
    if f.search and (tokens := query_tokens(f.search)):
        clauses.append({"search_tokens": {"$all": tokens}})
    created: dict[str, Any] = {}
    if f.created_from is not None:
        created["$gte"] = f.created_from
    if f.created_to is not None:
        created["$lt"] = f.created_to
    if created:
        clauses.append({"created_at": created})
    if not clauses:
        return {}
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class MongoOpportunities(VersionedStore[Opportunity]):
    def __init__(self, client: AsyncMongoClient[Document], db: AsyncDatabase[Document]) -> None:
        super().__init__(
            client, db, OPPORTUNITIES, opportunity_to_doc, doc_to_opportunity, label="opportunity"
        )

    async def find(self, query: OpportunityQuery) -> Page[Opportunity]:
        field, direction = _ORDER[query.order]
        base = build_filter(query)
        page_filter = base
        if query.after:
            cursor_clause = after_clause(field, direction, query.after)
            page_filter = {"$and": [base, cursor_clause]} if base else cursor_clause
        rows = (
            await self.collection.find(page_filter)
            .sort([(field, direction), ("_id", direction)])
            .limit(query.first + 1)
            .to_list(length=query.first + 1)
        )
        total = await self.collection.count_documents(base)
        has_next = len(rows) > query.first
        rows = rows[: query.first]
        cursors = [encode_cursor(row[field], row["_id"]) for row in rows]
        return Page(
            items=[doc_to_opportunity(row) for row in rows],
            cursors=cursors,
            total_count=total,
            has_next_page=has_next,
            end_cursor=cursors[-1] if cursors else None,
        )

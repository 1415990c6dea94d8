"""Opportunities in MongoDB: the list query with its filters, keyset pagination and indexes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document, Index
from services.opportunity.adapters.cursor import decode_cursor, encode_cursor
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
    _ix("account_created", "account_id", "created_at"),
    _ix("account_status", "account_id", "status"),
    _ix("contacts", "contact_ids"),
    _ix("owner_account", "owner_id", "account_id"),
    _ix("team_account", "team", "account_id"),
]


def scope_clause(scope: Scope) -> dict[str, Any] | None:
    if scope.everything:
        return None
    return {"team": scope.team} if scope.team else {"owner_id": scope.owner_id}


def merge_clauses(clauses: list[dict[str, Any]]) -> dict[str, Any]:
    """AND the clauses as one flat document where their keys do not collide.

    A flat filter lets a planner match it against one compound index (SecantusDB only uses an
    index when it covers the whole filter; mongod handles either shape). Colliding keys with
    different conditions go into an ``$and``.
    """
    merged: dict[str, Any] = {}
    rest: list[dict[str, Any]] = []
    for clause in clauses:
        if all(
            k not in merged or merged[k] == v or _disjoint_ranges(merged[k], v) for k, v in clause.items()
        ):
            for k, v in clause.items():
                merged[k] = {**merged[k], **v} if k in merged and merged[k] != v else v
        else:
            rest.append(clause)
    if rest:
        merged = {"$and": [merged, *rest]} if merged else {"$and": rest}
    return merged


def _disjoint_ranges(a: Any, b: Any) -> bool:
    """Two operator documents on one field that can be combined ({$gte} and {$lt})."""
    if not (isinstance(a, dict) and isinstance(b, dict)):
        return False
    keys = [*a, *b]
    return all(k.startswith("$") for k in keys) and not set(a) & set(b) and "$all" not in keys


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
    close: dict[str, Any] = {}
    if f.close_date_from is not None:
        close["$gte"] = day_to_bson(f.close_date_from)
    if f.close_date_to is not None:
        close["$lte"] = day_to_bson(f.close_date_to)
    if close:
        clauses.append({"expected_close_date": close})
    if f.overdue is True:
        clauses.append({"status": Status.OPEN.value, "expected_close_date": {"$lt": today}})
    elif f.overdue is False:
        clauses.append(
            {"$or": [{"status": {"$ne": Status.OPEN.value}}, {"expected_close_date": {"$gte": today}}]}
        )
    if f.search and (tokens := query_tokens(f.search)):
        # One token: plain equality, which every planner matches to the multikey index.
        clauses.append({"search_tokens": tokens[0] if len(tokens) == 1 else {"$all": tokens}})
    created: dict[str, Any] = {}
    if f.created_from is not None:
        created["$gte"] = f.created_from
    if f.created_to is not None:
        created["$lt"] = f.created_to
    if created:
        clauses.append({"created_at": created})
    return merge_clauses(clauses)


class MongoOpportunities(VersionedStore[Opportunity]):
    def __init__(self, client: AsyncMongoClient[Document], db: AsyncDatabase[Document]) -> None:
        super().__init__(
            client, db, OPPORTUNITIES, opportunity_to_doc, doc_to_opportunity, label="opportunity"
        )

    async def won_product_sets(self, account_id: str, excluding: str) -> list[frozenset[str]]:
        """The product ids of each won deal at the account but ``excluding``."""
        cursor = self.collection.find(
            {"account_id": account_id, "status": "WON", "_id": {"$ne": excluding}}, {"product_ids": 1}
        )
        return [frozenset(d.get("product_ids") or ()) for d in await cursor.to_list(None)]

    async def find(self, query: OpportunityQuery) -> Page[Opportunity]:
        field, direction = _ORDER[query.order]
        base = build_filter(query)
        sort = [(field, direction), ("_id", direction)]
        want = query.first + 1
        rows: list[Document] = []
        if query.after:
            # Keyset pagination as two flat (index-friendly) queries: the rows that tie with the
            # cursor's sort value and come after its _id, then the rows strictly beyond it.
            value, last_id = decode_cursor(query.after)
            op = "$lt" if direction < 0 else "$gt"
            ties = merge_clauses([base, {field: value, "_id": {op: last_id}}])
            rows = await self.collection.find(ties).sort(sort).limit(want).to_list(length=want)
            base_after = merge_clauses([base, {field: {op: value}}])
        else:
            base_after = base
        if len(rows) < want:
            more = want - len(rows)
            rows += await self.collection.find(base_after).sort(sort).limit(more).to_list(length=more)
        has_next = len(rows) > query.first
        if query.after is None and not has_next:
            total = len(rows)  # the whole result is this first page: nothing left to count
        else:
            total = await self.collection.count_documents(base)
        rows = rows[: query.first]
        cursors = [encode_cursor(row[field], row["_id"]) for row in rows]
        return Page(
            # Whole documents, histories left unmapped if not asked for: on the test server a
            # projection cost more than it saved unless the histories were long.
            items=[doc_to_opportunity(row, histories=query.histories) for row in rows],
            cursors=cursors,
            total_count=total,
            has_next_page=has_next,
            end_cursor=cursors[-1] if cursors else None,
        )

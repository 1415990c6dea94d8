"""Lists of accounts and contacts: the caller's scope, a search and keyset pages, each search
and each part of a scope led by a clause an index answers.

A search is one indexed equality: a name's most selective key (``search_keys``, multikey,
indexed with the list order), or an exact key (a tax number, an E.164 phone, an e-mail); the
rest of a name search is a pattern over ``search_text`` checked on what the key finds. A scope
of "owned (or the team's) or linked to my deals" is asked as two disjoint queries (those owned,
those linked and not owned) rather than one ``$or``, so each part stays a flat filter that
rides one index on any server; their pages are merged by the list order and their counts added.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pymongo.asynchronous.collection import AsyncCollection

from servicekit.mongo import Document
from services.opportunity.adapters.cursor import decode_cursor, encode_cursor
from services.opportunity.adapters.opportunity_repository import merge_clauses
from services.opportunity.application.account_ports import ListQuery
from services.opportunity.application.queries import Page
from services.opportunity.domain.account_search import Search, SearchKind
from services.opportunity.domain.search_keys import name_search

T = TypeVar("T")
Clauses = list[dict[str, Any]]
_LIVE = {"merged_into": None}
_SORT = [("created_at", -1), ("_id", -1)]
_EXACT_FIELD = {
    SearchKind.EMAIL: "email_keys", SearchKind.PHONE: "phone_keys", SearchKind.TAX_NUMBER: "tax_number",
}  # fmt: skip


def search_clauses(search: Search) -> Clauses | None:
    """The clauses of a search, the indexed one first; None when it can match nothing."""
    if search.kind is not SearchKind.NAME:
        return [{_EXACT_FIELD[search.kind]: search.value}]
    wanted = name_search(search.value)
    if wanted is None:
        return None
    return [{"search_keys": wanted.key}, {"search_text": {"$regex": wanted.pattern}}]


def list_filters(query: ListQuery) -> list[dict[str, Any]]:
    """The filters whose results, together, are the list: one per disjoint part of the scope.
    No filter: the list is empty whatever the data."""
    first: Clauses = []
    if query.search is not None:
        searched = search_clauses(query.search)
        if searched is None:
            return []
        first += searched
    rest: Clauses = []
    for field, value in (
        ("account_id", query.account_id),
        ("owner_id", query.owner_id),
        ("origin", query.origin),
    ):
        if value is not None:
            rest.append({field: value})
    rest.append(_LIVE)  # last: no index leads with it
    ids = None if query.ids is None else list(dict.fromkeys(query.ids))
    scope = query.scope
    if scope.everything:
        parts: list[Clauses] = [[]]
    else:
        field, value = ("owner_id", scope.owner_id) if scope.owner_id is not None else ("team", scope.team)
        parts = [[{field: value}]]
        among = None if ids is None else set(ids)
        linked = [i for i in scope.linked_ids if among is None or i in among]
        if linked:
            parts.append([{"_id": {"$in": linked}}, {field: {"$ne": value}}])
    filters = []
    for part in parts:
        wanted_ids = [] if ids is None or any("_id" in c for c in part) else [{"_id": {"$in": ids}}]
        filters.append(merge_clauses([*wanted_ids, *first, *part, *rest]))
    return filters


async def _rows(
    collection: AsyncCollection[Document], filter: dict[str, Any], after: str | None, want: int
) -> list[Document]:
    """The first ``want`` rows of one filter after the cursor, in list order. The cursor is
    asked as two flat ranges (the rest of its instant, then earlier ones), not an ``$or``."""
    if after is None:
        return await collection.find(filter).sort(_SORT).limit(want).to_list(want)
    value, last_id = decode_cursor(after)
    ties = merge_clauses([filter, {"created_at": value, "_id": {"$lt": last_id}}])
    rows = await collection.find(ties).sort(_SORT).limit(want).to_list(want)
    if len(rows) < want:
        more = want - len(rows)
        earlier = merge_clauses([filter, {"created_at": {"$lt": value}}])
        rows += await collection.find(earlier).sort(_SORT).limit(more).to_list(more)
    return rows


async def page(
    collection: AsyncCollection[Document], query: ListQuery, to_domain: Callable[[Document], T]
) -> Page[T]:
    filters = list_filters(query)
    want = query.first + 1
    found: dict[str, Document] = {}
    total = 0
    for filter in filters:
        part = await _rows(collection, filter, query.after, want)
        found.update((row["_id"], row) for row in part)
        # A first page that holds all of a part is its count; only a larger part is counted.
        whole = query.after is None and len(part) < want
        total += len(part) if whole else await collection.count_documents(filter)
    rows = sorted(found.values(), key=lambda r: (r["created_at"], r["_id"]), reverse=True)[:want]
    has_next = len(rows) > query.first
    rows = rows[: query.first]
    cursors = [encode_cursor(r["created_at"], r["_id"]) for r in rows]
    return Page(
        items=[to_domain(r) for r in rows], cursors=cursors, total_count=total, has_next_page=has_next,
        end_cursor=cursors[-1] if cursors else None,
    )  # fmt: skip

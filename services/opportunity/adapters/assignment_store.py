"""Assignments in MongoDB: owner changes applied in chunks, each chunk one transaction holding the
owner updates, the history entries, the outbox rows and (for a keyed request) the record that the
chunk is done. A crash leaves every opportunity fully assigned or untouched; a retried request
with the same key skips the chunks already committed.

History lives in its own collection (``assignment_history``), not on the opportunity document,
so the opportunity repository's whole-document writes never touch it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from pymongo import AsyncMongoClient, UpdateOne
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from contracts.envelope import CloudEvent
from servicekit.mongo import Document, Index, find_by_ids, in_transaction
from servicekit.outbox import add_events
from services.opportunity.adapters.documents import WITHOUT_HISTORIES, doc_to_opportunity, undec
from services.opportunity.adapters.opportunity_repository import OPPORTUNITIES
from services.opportunity.application.assignment_ports import ChunkOutcome, OwnerChange
from services.opportunity.domain.assignment import AssignmentEntry, AssignmentError, AssignmentReason, RepLoad
from services.opportunity.domain.opportunity import Opportunity

HISTORY = "assignment_history"
REQUESTS = "assignment_requests"

KEY_RETENTION_SECONDS = 7 * 86400
"""How long an idempotency key is remembered: a retry comes within minutes, not weeks."""

ASSIGNMENT_INDEXES = [
    Index(HISTORY, [("opportunity_id", 1), ("at", 1)], "assignment_history_opportunity_at"),
    Index(REQUESTS, [("request", 1), ("chunk", 1)], "assignment_requests_chunks"),
    Index(
        REQUESTS,
        [("created_at", 1)],
        "assignment_requests_ttl",
        options={"expireAfterSeconds": KEY_RETENTION_SECONDS},
    ),
]


class MongoAssignments:
    def __init__(self, client: AsyncMongoClient[Document], db: AsyncDatabase[Document]) -> None:
        self._client = client
        self._db = db
        self._opportunities = db[OPPORTUNITIES]
        self._history = db[HISTORY]
        self._requests = db[REQUESTS]

    async def load(self, ids: Sequence[str]) -> dict[str, Opportunity]:
        # Histories are not needed to change an owner; leaving them out keeps 10,000-row loads light.
        return {
            doc["_id"]: doc_to_opportunity(doc)
            for doc in await find_by_ids(self._opportunities, ids, WITHOUT_HISTORIES)
        }

    async def open_ids_of(self, owner_id: str) -> list[str]:
        cursor = self._opportunities.find({"owner_id": owner_id, "status": "OPEN"}, {"_id": 1})
        return [doc["_id"] async for doc in cursor]

    async def open_load(self, user_ids: Sequence[str]) -> dict[str, RepLoad]:
        """Each rep's open opportunities: how many, and their summed amount (all currencies
        together: a rough weight, not a figure to report)."""
        loads = {u: RepLoad(u) for u in user_ids}
        pipeline: list[Document] = [
            {"$match": {"owner_id": {"$in": list(user_ids)}, "status": "OPEN"}},
            {"$group": {"_id": "$owner_id", "count": {"$sum": 1}, "amount": {"$sum": "$amount"}}},
        ]
        async for row in await self._opportunities.aggregate(pipeline):
            loads[row["_id"]] = RepLoad(row["_id"], row["count"], undec(row["amount"] or Decimal(0)))
        return loads

    async def history(self, opportunity_id: str) -> list[AssignmentEntry]:
        return (await self.histories([opportunity_id]))[opportunity_id]

    async def histories(self, opportunity_ids: Sequence[str]) -> dict[str, list[AssignmentEntry]]:
        """Each opportunity's stored owner changes, oldest first, in one query."""
        found: dict[str, list[AssignmentEntry]] = {i: [] for i in opportunity_ids}
        cursor = self._history.find({"opportunity_id": {"$in": list(opportunity_ids)}}).sort(
            [("at", 1), ("_id", 1)]
        )
        async for d in cursor:
            found[d["opportunity_id"]].append(
                AssignmentEntry(
                    d["from"], d["to"], d["by"], d["at"], AssignmentReason(d["reason"]), d.get("note")
                )
            )
        return found

    async def recall(self, key: str, fingerprint: str) -> dict[int, ChunkOutcome]:
        """The chunks of a keyed request already committed. A key reused for another request is
        refused rather than silently answered with the first request's result."""
        try:
            await self._requests.insert_one(
                {"_id": key, "fingerprint": fingerprint, "created_at": datetime.now(UTC)}
            )
        except DuplicateKeyError:
            header = await self._requests.find_one({"_id": key})
            if header is not None and header.get("fingerprint") != fingerprint:
                raise AssignmentError(
                    "IDEMPOTENCY_KEY_REUSED", "This idempotency key was used for a different request."
                ) from None
        done: dict[int, ChunkOutcome] = {}
        async for doc in self._requests.find({"request": key}):
            done[doc["chunk"]] = ChunkOutcome(
                assigned=[(a[0], a[1], a[2], a[3]) for a in doc["assigned"]],
                failures=[(f[0], f[1], f[2]) for f in doc["failures"]],
            )
        return done

    async def commit(
        self,
        changes: Sequence[OwnerChange],
        events: dict[str, CloudEvent],
        outcome: ChunkOutcome,
        *,
        key: str | None,
        chunk: int,
    ) -> ChunkOutcome:
        """Apply one chunk in one transaction. Opportunities changed since they were read are
        left alone and reported as CONFLICT in the returned outcome."""

        async def work(session: AsyncClientSession) -> ChunkOutcome:
            ids = [c.after.id for c in changes]
            current = {
                d["_id"]: d
                for d in await find_by_ids(
                    self._opportunities, ids, {"version": 1, "status": 1}, session=session
                )
            }
            fresh = [c for c in changes if _unchanged(current.get(c.after.id), c.expected_version)]
            fresh_ids = {c.after.id for c in fresh}
            stale = [c for c in changes if c.after.id not in fresh_ids]
            if fresh:
                await self._opportunities.bulk_write(
                    [_owner_update(c) for c in fresh], ordered=False, session=session
                )
                await self._history.insert_many([history_doc(c) for c in fresh], session=session)
                await add_events(self._db, session, [events[c.after.id] for c in fresh])
            result = ChunkOutcome(
                assigned=[
                    *outcome.assigned,
                    *((c.after.id, c.after.owner_id, c.after.version, True) for c in fresh),
                ],
                failures=[
                    *outcome.failures,
                    *(
                        (
                            c.after.id,
                            "CONFLICT",
                            "The opportunity changed while it was being assigned; reload it.",
                        )
                        for c in stale
                    ),
                ],
            )
            if key is not None:
                await self._requests.insert_one(
                    {
                        "_id": f"{key}#{chunk}", "request": key, "chunk": chunk,
                        "assigned": [list(a) for a in result.assigned],
                        "failures": [list(f) for f in result.failures],
                        "created_at": datetime.now(UTC),
                    },
                    session=session,
                )  # fmt: skip
            return result

        return await in_transaction(self._client, work)


def _unchanged(doc: Document | None, expected_version: int) -> bool:
    return doc is not None and doc["version"] == expected_version and doc["status"] == "OPEN"


def _owner_update(change: OwnerChange) -> UpdateOne:
    o = change.after
    return UpdateOne(
        {"_id": o.id, "version": change.expected_version},
        {"$set": {"owner_id": o.owner_id, "team": o.team, "updated_at": o.updated_at, "version": o.version}},
    )


def history_doc(change: OwnerChange) -> dict[str, Any]:
    e = change.entry
    return {
        "opportunity_id": change.after.id, "from": e.from_owner_id, "to": e.to_owner_id, "by": e.by_user_id,
        "at": e.at, "reason": e.reason.value, "note": e.note, "version": change.after.version,
    }  # fmt: skip

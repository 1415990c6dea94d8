"""The assignment summaries a batch of events adds to, written at the end of the batch.

A bulk assignment, an import or a handover lands in one summary per recipient (an alert of kind
``ASSIGNED`` listing the opportunities). A batch may add hundreds of opportunities to as many
summaries: their states are read with one ``$in`` query, each summary is written once with all
it gains, and one not stored yet is inserted rather than upserted (an upsert costs several
inserts on the test server; inside the transaction, another consumer inserting the same summary
meanwhile is a write conflict, and the retried attempt reads it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from pymongo import InsertOne, UpdateOne
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document
from services.notifications.adapters import documents as d
from services.notifications.domain.model import AlertKind, AlertState


@dataclass
class _Summary:
    recipient_id: str
    batch: str
    due_at: datetime
    opportunity_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Addition:
    summary_id: str
    recipient_id: str
    batch: str
    opportunity_id: str
    due_at: datetime
    event_id: str


class AssignmentSummaries:
    def __init__(self) -> None:
        self._additions: list[_Addition] = []

    def add(
        self, *, recipient_id: str, batch: str, opportunity_id: str, due_at: datetime, event_id: str
    ) -> None:
        summary_id = f"assigned:{recipient_id}:{batch}"
        self._additions.append(_Addition(summary_id, recipient_id, batch, opportunity_id, due_at, event_id))

    async def writes(
        self, db: AsyncDatabase[Document], session: AsyncClientSession
    ) -> list[InsertOne[Document] | UpdateOne]:
        if not self._additions:
            return []
        ids = list({a.summary_id for a in self._additions})
        cursor = db[d.ALERTS].find({"_id": {"$in": ids}}, {"state": 1}, session=session)
        stored = {doc["_id"]: doc["state"] async for doc in cursor}
        summaries: dict[str, _Summary] = {}
        for a in self._additions:
            summary_id = a.summary_id
            if stored.get(summary_id, AlertState.PENDING.value) != AlertState.PENDING.value:
                summary_id = f"{summary_id}:{a.event_id}"  # that one went out: a late member gets its own
            summary = summaries.setdefault(summary_id, _Summary(a.recipient_id, a.batch, a.due_at))
            if a.opportunity_id not in summary.opportunity_ids:
                summary.opportunity_ids.append(a.opportunity_id)
        return [
            UpdateOne({"_id": i}, {"$addToSet": {"opportunity_ids": {"$each": s.opportunity_ids}}})
            if i in stored
            else InsertOne(_new_summary(i, s))
            for i, s in summaries.items()
        ]


def _new_summary(summary_id: str, summary: _Summary) -> Document:
    return {
        "_id": summary_id, "kind": AlertKind.ASSIGNED.value, "opportunity_id": None, "anchor": summary.batch,
        "due_at": summary.due_at, "state": AlertState.PENDING.value, "owner_id": summary.recipient_id,
        "occurrence": 0, "opportunity_ids": summary.opportunity_ids,
    }  # fmt: skip

"""The assignment summaries a batch of events adds to, written at the end of the batch.

Opportunities given to a recipient are told in one summary per digest (an alert of kind
``ASSIGNED`` listing them): the first opens it, due a digest later, and every one given to the
same recipient before it goes out joins it, whatever request it came in. A bulk assignment whose
members arrive over several batches (or longer than a digest) is told in one summary, or a few,
never one per opportunity. ``assignment_digests`` keeps, per recipient, the id of the summary
opened last; it is still open while that summary is pending.

A batch reads the pointers and the state of the summaries they name with one ``$in`` query each,
writes each summary once with all it gains, and inserts the new ones (an insert is cheaper than
an upsert on any server; inside the transaction, another consumer opening a summary for the
same recipient meanwhile is a write conflict on the pointer, and the retried attempt joins it).
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
    id: str
    stored: bool
    anchor: str
    due_at: datetime
    opportunity_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Addition:
    recipient_id: str
    opportunity_id: str
    due_at: datetime
    event_id: str


class AssignmentSummaries:
    def __init__(self) -> None:
        self._additions: list[_Addition] = []

    def add(self, *, recipient_id: str, opportunity_id: str, due_at: datetime, event_id: str) -> None:
        self._additions.append(_Addition(recipient_id, opportunity_id, due_at, event_id))

    async def writes(
        self, db: AsyncDatabase[Document], session: AsyncClientSession
    ) -> tuple[list[InsertOne[Document] | UpdateOne], list[InsertOne[Document] | UpdateOne]]:
        """The writes to the summaries (``alerts``), and to the pointers (``assignment_digests``)."""
        if not self._additions:
            return [], []
        recipients = list({a.recipient_id for a in self._additions})
        pointers = await db[d.DIGESTS].find({"_id": {"$in": recipients}}, session=session).to_list()
        opened = {doc["_id"]: doc["open"] for doc in pointers}
        cursor = db[d.ALERTS].find({"_id": {"$in": list(opened.values())}}, {"state": 1}, session=session)
        pending = {doc["_id"] async for doc in cursor if doc["state"] == AlertState.PENDING.value}
        summaries: dict[str, _Summary] = {}
        for a in self._additions:
            summary = summaries.get(a.recipient_id)
            if summary is None:
                current = opened.get(a.recipient_id, "")
                if current in pending:
                    summary = _Summary(current, stored=True, anchor="", due_at=a.due_at)
                else:  # none yet, or the last went out: this one opens the next
                    summary_id = f"assigned:{a.recipient_id}:{a.event_id}"
                    summary = _Summary(summary_id, stored=False, anchor=a.event_id, due_at=a.due_at)
                summaries[a.recipient_id] = summary
            if a.opportunity_id not in summary.opportunity_ids:
                summary.opportunity_ids.append(a.opportunity_id)
        alerts = [
            UpdateOne({"_id": s.id}, {"$addToSet": {"opportunity_ids": {"$each": s.opportunity_ids}}})
            if s.stored
            else InsertOne(_new_summary(recipient_id, s))
            for recipient_id, s in summaries.items()
        ]
        digests = [
            UpdateOne({"_id": recipient_id}, {"$set": {"open": s.id}})
            if recipient_id in opened
            else InsertOne({"_id": recipient_id, "open": s.id})
            for recipient_id, s in summaries.items()
            if not s.stored
        ]
        return alerts, digests


def _new_summary(recipient_id: str, summary: _Summary) -> Document:
    return {
        "_id": summary.id, "kind": AlertKind.ASSIGNED.value, "opportunity_id": None, "anchor": summary.anchor,
        "due_at": summary.due_at, "state": AlertState.PENDING.value, "owner_id": recipient_id,
        "occurrence": 0, "opportunity_ids": summary.opportunity_ids,
    }  # fmt: skip

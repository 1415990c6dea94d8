"""The consumer's storage: copies, the schedule and the sequence guard, in one transaction.

A batch of events is applied in one transaction by a buffered unit of work: what the batch
will need is read up front with one ``$in`` query per collection, the handlers read and write
that in memory (events of one subject see each other's effects, in arrival order), and the
changes are written at the end with one ``bulk_write`` per collection. The round trips per
batch stay about the same whatever its size, which is what lets intake keep up with the bus.
Documents the batch knows to be new are inserted rather than upserted (an upsert costs several
times an insert); within the transaction a concurrent insert of the same id is a write
conflict, and the retried attempt sees it.

The sequence guard of an opportunity is kept in its copy (field ``sequence``): the guard and
the effect are one document, read once and written once. Pipelines and users use the guard of
``servicekit.idempotency.advance_sequence`` (``applied_sequences``, same keys), in bulk.
An opportunity's alerts are read only when what they depend on changed (``alert_inputs``):
most events (a new title, amount or probability) leave the schedule alone.

Each copy keeps the kinds of its alerts still to come (``documents.PENDING_KINDS``), written
with the alerts whenever they change: a copy rewritten without its alerts read carries over
what it held (a concurrent change by the scheduler also writes the copy, so one of the two
transactions is retried).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from pymongo import AsyncMongoClient, InsertOne, ReplaceOne, UpdateOne
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from contracts.envelope import CloudEvent
from servicekit.idempotency import APPLIED_SEQUENCES
from servicekit.mongo import Document, in_transaction
from services.notifications.adapters import documents as d
from services.notifications.adapters.assignment_summaries import AssignmentSummaries
from services.notifications.adapters.policy_repo import PolicyRepository
from services.notifications.adapters.replan_requests import request_replan
from services.notifications.application.ports import IntakeUnit, Prefetch
from services.notifications.domain.model import (
    SCHEDULED_KINDS,
    AlertKind,
    AlertPolicy,
    OpportunityCopy,
    PipelineCopy,
    ScheduledAlert,
    UserCopy,
    alert_id,
    pending_kinds,
)
from services.notifications.domain.planning import alert_inputs

T = TypeVar("T")


def sequence_key(event: CloudEvent) -> str:
    return f"{event.type.split('.', 1)[0]}:{event.subject}"


def _about_opportunity(event: CloudEvent) -> bool:
    return event.type.startswith("opportunity.")


class BufferedIntakeUnit:
    def __init__(
        self, db: AsyncDatabase[Document], policies: PolicyRepository, session: AsyncClientSession
    ) -> None:
        self._db = db
        self._policies = policies
        self._s = session
        self._policy: AlertPolicy | None = None
        self._sequences: dict[str, int] = {}
        self._opportunity_sequences: dict[str, int] = {}
        self._opportunities: dict[str, OpportunityCopy | None] = {}
        self._stored_pending: dict[str, list[AlertKind] | None] = {}
        """Per copy read, the pending kinds it holds (``None``: written before the field)."""
        self._pipelines: dict[str, PipelineCopy | None] = {}
        self._alerts: dict[str, dict[AlertKind, ScheduledAlert]] = {}
        self._dirty_sequences: set[str] = set()
        self._dirty_opportunities: set[str] = set()
        self._dirty_pipelines: set[str] = set()
        self._dirty_users: dict[str, UserCopy] = {}
        self._dirty_alerts: dict[str, ScheduledAlert] = {}
        self._summaries = AssignmentSummaries()
        self._stored: dict[str, set[str]] = defaultdict(set)
        """Per collection, the ids this unit read from the database (to update, not insert)."""

    async def load(self, prefetch: Prefetch) -> None:
        keys = list({sequence_key(e) for e in prefetch.events if not _about_opportunity(e)})
        for doc in await self._find(APPLIED_SEQUENCES, keys):
            self._sequences[doc["_id"]] = doc["sequence"]
        self._sequences.update(dict.fromkeys(set(keys) - set(self._sequences), 0))
        await self._load_opportunities(prefetch.opportunities)
        await self._load_pipelines(prefetch.pipeline_ids)
        # Alerts exist only for opportunities already copied (both are written together), and
        # are needed only where what they depend on changed.
        replanned = []
        for opportunity_id, incoming in prefetch.opportunities.items():
            stored = self._opportunities[opportunity_id]
            if stored is None:
                self._alerts[opportunity_id] = {}
            elif alert_inputs(stored) != alert_inputs(incoming):
                replanned.append(opportunity_id)
        await self._load_alerts(replanned)

    async def _find(self, collection: str, ids: Iterable[str]) -> list[Document]:
        wanted = list(ids)
        if not wanted:
            return []
        docs = await self._db[collection].find({"_id": {"$in": wanted}}, session=self._s).to_list()
        self._stored[collection].update(doc["_id"] for doc in docs)
        return docs

    async def _load_opportunities(self, ids: Iterable[str]) -> None:
        missing = [i for i in ids if i not in self._opportunities]
        docs = await self._find(d.OPPORTUNITIES, missing)
        found = {doc["_id"]: d.opportunity_from(doc) for doc in docs}
        self._opportunities.update({i: found.get(i) for i in missing})
        # No copy, no alerts (they are written together).
        self._stored_pending.update({i: [] for i in missing})
        self._stored_pending.update({doc["_id"]: d.stored_pending_kinds(doc) for doc in docs})
        self._opportunity_sequences.update({i: 0 for i in missing})
        self._opportunity_sequences.update({doc["_id"]: doc.get("sequence", doc["version"]) for doc in docs})

    async def _load_pipelines(self, ids: Iterable[str]) -> None:
        missing = [i for i in ids if i not in self._pipelines]
        found = {doc["_id"]: d.pipeline_from(doc) for doc in await self._find(d.PIPELINES, missing)}
        self._pipelines.update({i: found.get(i) for i in missing})

    async def _load_alerts(self, opportunity_ids: Iterable[str]) -> None:
        missing = [i for i in opportunity_ids if i not in self._alerts]
        ids = [alert_id(o, kind) for o in missing for kind in SCHEDULED_KINDS]
        for o in missing:
            self._alerts[o] = {}
        for alert in map(d.alert_from, await self._find(d.ALERTS, ids)):
            self._alerts[alert.opportunity_id or ""][alert.kind] = alert

    # IntakeUnit

    async def advance(self, event: CloudEvent) -> bool:
        if _about_opportunity(event):
            await self._load_opportunities([event.subject])
            if self._opportunity_sequences[event.subject] >= event.sequence:
                return False
            # Written with the copy, which the handler saves for every event it applies.
            self._opportunity_sequences[event.subject] = event.sequence
            return True
        key = sequence_key(event)
        if key not in self._sequences:
            found = await self._find(APPLIED_SEQUENCES, [key])
            self._sequences[key] = found[0]["sequence"] if found else 0
        if self._sequences[key] >= event.sequence:
            return False
        self._sequences[key] = event.sequence
        self._dirty_sequences.add(key)
        return True

    async def policy(self) -> AlertPolicy:
        if self._policy is None:
            self._policy = await self._policies.get(self._s)
        return self._policy

    async def opportunity(self, opportunity_id: str) -> OpportunityCopy | None:
        await self._load_opportunities([opportunity_id])
        return self._opportunities[opportunity_id]

    async def save_opportunity(self, opportunity: OpportunityCopy) -> None:
        self._opportunities[opportunity.id] = opportunity
        self._dirty_opportunities.add(opportunity.id)

    async def pipeline(self, pipeline_id: str) -> PipelineCopy | None:
        await self._load_pipelines([pipeline_id])
        return self._pipelines[pipeline_id]

    async def save_pipeline(self, pipeline: PipelineCopy) -> None:
        self._pipelines[pipeline.id] = pipeline
        self._dirty_pipelines.add(pipeline.id)

    async def save_user(self, user: UserCopy) -> None:
        self._dirty_users[user.id] = user

    async def alerts_of(self, opportunity_id: str) -> dict[AlertKind, ScheduledAlert]:
        await self._load_alerts([opportunity_id])
        return dict(self._alerts[opportunity_id])

    async def save_alert(self, alert: ScheduledAlert) -> None:
        self._alerts.setdefault(alert.opportunity_id or "", {})[alert.kind] = alert
        self._dirty_alerts[alert.id] = alert

    async def open_opportunity_ids_in(self, pipeline_id: str) -> list[str]:
        # Served by the status prefix of the close-date index: the copies get no index of their
        # own for this rare pass, since each index slows every copy the consumer writes.
        query = {"status": "OPEN", "pipeline_id": pipeline_id}
        docs = await self._db[d.OPPORTUNITIES].find(query, {"_id": 1}, session=self._s).to_list()
        return sorted(doc["_id"] for doc in docs)

    async def opportunities(self, ids: Sequence[str]) -> list[OpportunityCopy]:
        await self._load_opportunities(ids)
        return [o for i in ids if (o := self._opportunities[i]) is not None]

    async def load_alerts(self, opportunity_ids: Sequence[str]) -> None:
        await self._load_alerts(opportunity_ids)

    async def request_replan(self, pipeline_id: str) -> int:
        return await request_replan(self._db, pipeline_id, self._s)

    async def pending_replans(self) -> list[tuple[str, int]]:
        # One small document per pipeline: read them all, keep those asked for since last done.
        docs = await self._db[d.REPLANS].find({}, session=self._s).to_list()
        return [(doc["_id"], doc["generation"]) for doc in docs if doc["generation"] > doc.get("done", 0)]

    async def finish_replan(self, pipeline_id: str, generation: int) -> None:
        # Generations keep counting (the document stays), so a later request is always newer.
        await self._db[d.REPLANS].update_one(
            {"_id": pipeline_id}, {"$max": {"done": generation}}, session=self._s
        )

    async def add_to_assignment_summary(
        self, *, recipient_id: str, batch: str, opportunity_id: str, due_at: datetime, event_id: str
    ) -> None:
        self._summaries.add(
            recipient_id=recipient_id,
            batch=batch,
            opportunity_id=opportunity_id,
            due_at=due_at,
            event_id=event_id,
        )

    async def flush(self) -> None:
        """Write everything the batch changed, one bulk write per collection."""
        pending = await self._pending_kinds()
        sequences = [
            self._write(APPLIED_SEQUENCES, {"_id": k, "sequence": self._sequences[k]})
            for k in self._dirty_sequences
        ]
        opportunities = [self._opportunities[i] for i in self._dirty_opportunities]
        pipelines = [self._pipelines[i] for i in self._dirty_pipelines]
        writes: list[tuple[str, list[Any]]] = [
            (APPLIED_SEQUENCES, sequences),
            (
                d.OPPORTUNITIES,
                [self._write(d.OPPORTUNITIES, self._opportunity_doc(o, pending)) for o in opportunities if o]
                + [
                    UpdateOne({"_id": i}, {"$set": {d.PENDING_KINDS: kinds}})
                    for i, kinds in pending.items()
                    if i not in self._dirty_opportunities
                ],
            ),
            (d.PIPELINES, [self._write(d.PIPELINES, d.pipeline_doc(p)) for p in pipelines if p]),
            # User copies are not read by the consumer, so whether one exists is unknown: upsert.
            (
                d.USERS,
                [ReplaceOne({"_id": u.id}, d.user_doc(u), upsert=True) for u in self._dirty_users.values()],
            ),
            (
                d.ALERTS,
                [self._write_alert(a) for a in self._dirty_alerts.values()]
                + await self._summaries.writes(self._db, self._s),
            ),
        ]
        for collection, operations in writes:
            if operations:
                await self._db[collection].bulk_write(operations, ordered=True, session=self._s)

    async def _pending_kinds(self) -> dict[str, list[str]]:
        """The pending kinds to write: for each copy written, and for each copy whose alerts
        changed state (re-planning writes alerts, not copies). From the alerts when this unit
        read them, else as the copy held them (its alerts are then unchanged), else (a copy
        from before the field) from its alerts, read now."""
        ids = self._dirty_opportunities | {a.opportunity_id or "" for a in self._dirty_alerts.values()}
        await self._load_alerts(
            [i for i in ids if i not in self._alerts and self._stored_pending.get(i) is None]
        )
        kinds: dict[str, list[str]] = {}
        for i in ids:
            if i in self._alerts:
                found = pending_kinds(self._alerts[i].values())
            else:
                found = self._stored_pending.get(i) or []
            if i in self._dirty_opportunities or found != self._stored_pending.get(i):
                kinds[i] = [k.value for k in found]
        return kinds

    def _opportunity_doc(self, opportunity: OpportunityCopy, pending: dict[str, list[str]]) -> Document:
        return {
            **d.opportunity_doc(opportunity),
            "sequence": self._opportunity_sequences[opportunity.id],
            d.PENDING_KINDS: pending[opportunity.id],
        }

    def _write(self, collection: str, doc: Document) -> InsertOne[Document] | ReplaceOne[Document]:
        if doc["_id"] in self._stored[collection]:
            return ReplaceOne({"_id": doc["_id"]}, doc)
        return InsertOne(doc)

    def _write_alert(self, alert: ScheduledAlert) -> InsertOne[Document] | UpdateOne:
        # An update keeps the scheduler's own fields (lease, last hand-over) on a stored alert.
        if alert.id in self._stored[d.ALERTS]:
            return UpdateOne({"_id": alert.id}, {"$set": d.alert_fields(alert)})
        return InsertOne({"_id": alert.id, **d.alert_fields(alert)})


class MongoIntakeStore:
    def __init__(
        self, client: AsyncMongoClient[Document], db: AsyncDatabase[Document], policies: PolicyRepository
    ) -> None:
        self._client = client
        self._db = db
        self._policies = policies

    async def run(self, prefetch: Prefetch, work: Callable[[IntakeUnit], Awaitable[T]]) -> T:
        async def attempt(session: AsyncClientSession) -> T:
            # Built afresh on every attempt: a retried transaction re-reads everything.
            unit = BufferedIntakeUnit(self._db, self._policies, session)
            await unit.load(prefetch)
            result = await work(unit)
            await unit.flush()
            return result

        return await in_transaction(self._client, attempt)

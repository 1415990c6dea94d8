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
the effect are one document, read once and written once. Pipelines and users keep theirs in
``servicekit.idempotency.APPLIED_SEQUENCES``, one document per subject, in bulk.
An opportunity's alerts are read only when what they depend on changed (``alert_inputs``):
most events (a new title, amount or probability) leave the schedule alone.

An opportunity's alerts are recorded in its copy (``documents.ALERT_RECORDS``), so they come
with it (the board's counts read the copies alone). An alert still to come also has its
document in the schedule, written in the same transaction; an ended one leaves it. Whether a
scheduler holds one right now is read from the schedule, and only for the opportunities whose
alerts may change. A scheduler handing alerts over writes both the schedule and the copies, so of it and
a consumer changing the same opportunity, one transaction is retried.

An opportunity a batch creates is taken to be new, its copy not read: in an import's burst,
reading a thousand copies that are not there cost the transaction about a sixth of its time.
The copy is then inserted, and the ``_id`` checks the guess: a creation seen before (a
redelivery, or one arriving after later events) makes the insert fail, and the batch is applied
again reading every copy, when the sequence guard passes over it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import Any, TypeVar

from pymongo import AsyncMongoClient, DeleteOne, InsertOne, ReplaceOne, UpdateOne
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError

from contracts.envelope import CloudEvent
from servicekit.idempotency import APPLIED_SEQUENCES
from servicekit.mongo import DUPLICATE_KEY, Document, find_by_ids, in_transaction
from services.notifications.adapters import documents as d
from services.notifications.adapters.alert_layout import records_from_schedule
from services.notifications.adapters.assignment_summaries import AssignmentSummaries
from services.notifications.adapters.policy_repo import PolicyRepository
from services.notifications.adapters.replan_requests import request_replan
from services.notifications.application.ports import Clock, IntakeUnit, Prefetch
from services.notifications.domain.model import (
    PENDING_STATES,
    AlertKind,
    AlertPolicy,
    AlertState,
    OpportunityCopy,
    PipelineCopy,
    ScheduledAlert,
    UserCopy,
    reminder_id,
)
from services.notifications.domain.planning import alert_inputs

T = TypeVar("T")

CREATED = "opportunity.created"


def sequence_key(event: CloudEvent) -> str:
    return f"{event.type.split('.', 1)[0]}:{event.subject}"


def _about_opportunity(event: CloudEvent) -> bool:
    return event.type.startswith("opportunity.")


class BufferedIntakeUnit:
    def __init__(
        self,
        db: AsyncDatabase[Document],
        policies: PolicyRepository,
        session: AsyncClientSession,
        now: datetime,
        *,
        creations_are_new: bool,
    ) -> None:
        self._db = db
        self._creations_are_new = creations_are_new
        self._policies = policies
        self._s = session
        self._now = now
        self._policy: AlertPolicy | None = None
        self._sequences: dict[str, int] = {}
        self._opportunity_sequences: dict[str, int] = {}
        self._opportunities: dict[str, OpportunityCopy | None] = {}
        self._stored_records: dict[str, dict[str, Document]] = {}
        """Per copy read, its alert records as stored (the scheduler's fields included)."""
        self._in_schedule: set[str] = set()
        """Ids of the alerts the schedule holds a document for (as stored, then as written)."""
        self._claims_read: set[str] = set()
        self._pipelines: dict[str, PipelineCopy | None] = {}
        self._alerts: dict[str, dict[AlertKind, ScheduledAlert]] = {}
        self._dirty_sequences: set[str] = set()
        self._dirty_opportunities: set[str] = set()
        self._dirty_pipelines: set[str] = set()
        self._dirty_users: dict[str, UserCopy] = {}
        self._dirty_alerts: dict[str, ScheduledAlert] = {}
        self._reminders: dict[str, ScheduledAlert | None] = {}
        self._dirty_reminders: set[str] = set()
        self._summaries = AssignmentSummaries()
        self._stored: dict[str, set[str]] = defaultdict(set)
        """Per collection, the ids this unit read from the database (to update, not insert)."""

    async def load(self, prefetch: Prefetch) -> None:
        keys = list({sequence_key(e) for e in prefetch.events if not _about_opportunity(e)})
        for doc in await self._find(APPLIED_SEQUENCES, keys):
            self._sequences[doc["_id"]] = doc["sequence"]
        self._sequences.update(dict.fromkeys(set(keys) - set(self._sequences), 0))
        if self._creations_are_new:
            self._take_as_new({e.subject for e in prefetch.events if e.type == CREATED})
        await self._load_opportunities(prefetch.opportunities)
        await self._load_pipelines(prefetch.pipeline_ids)
        # Which alerts a scheduler holds matters only where they may change.
        await self._load_claims(
            i
            for i, incoming in prefetch.opportunities.items()
            if (stored := self._opportunities[i]) is not None
            and alert_inputs(stored) != alert_inputs(incoming)
        )

    async def _find(self, collection: str, ids: Iterable[str]) -> list[Document]:
        wanted = list(ids)
        if not wanted:
            return []
        docs = await find_by_ids(self._db[collection], wanted, session=self._s)
        self._stored[collection].update(doc["_id"] for doc in docs)
        return docs

    async def _load_opportunities(self, ids: Iterable[str]) -> None:
        # Called for every event of the batch, nearly always for a copy read up front.
        if not (missing := [i for i in ids if i not in self._opportunities]):
            return
        docs = await self._find(d.OPPORTUNITIES, missing)
        found = {doc["_id"]: d.opportunity_from(doc) for doc in docs}
        self._opportunities.update({i: found.get(i) for i in missing})
        self._opportunity_sequences.update({i: 0 for i in missing})
        for i in missing:
            self._alerts[i], self._stored_records[i] = {}, {}
        if unrecorded := [doc["_id"] for doc in docs if d.ALERT_RECORDS not in doc]:
            records = await records_from_schedule(self._db, unrecorded, self._s)
            docs = [{d.ALERT_RECORDS: records.get(doc["_id"]), **doc} for doc in docs]
        for doc in docs:
            self._opportunity_sequences[doc["_id"]] = doc["sequence"] if "sequence" in doc else doc["version"]
            self._alerts[doc["_id"]] = d.alerts_recorded(doc)
            self._stored_records[doc["_id"]] = dict(doc.get(d.ALERT_RECORDS) or {})
            self._in_schedule |= d.in_schedule(doc)

    def _take_as_new(self, ids: Iterable[str]) -> None:
        """Hold these opportunities as having no copy yet, without reading (see the module's
        docstring: the insert of their copy checks it)."""
        for i in ids:
            self._opportunities[i], self._opportunity_sequences[i] = None, 0
            self._alerts[i], self._stored_records[i] = {}, {}

    async def _load_pipelines(self, ids: Iterable[str]) -> None:
        if not (missing := [i for i in ids if i not in self._pipelines]):
            return
        found = {doc["_id"]: d.pipeline_from(doc) for doc in await self._find(d.PIPELINES, missing)}
        self._pipelines.update({i: found.get(i) for i in missing})

    async def _load_claims(self, opportunity_ids: Iterable[str]) -> None:
        """Mark the alerts of these opportunities that a scheduler holds right now as CLAIMED
        (the planner leaves those where they are; see ``planning.reconcile``)."""
        if not (wanted := [i for i in opportunity_ids if i not in self._claims_read]):
            return
        self._claims_read.update(wanted)
        ids = [
            a.id
            for i in wanted
            for a in self._alerts.get(i, {}).values()
            if a.state == AlertState.PENDING and a.id in self._in_schedule
        ]
        if not ids:
            return
        query = {"_id": {"$in": ids}, "state": AlertState.CLAIMED.value}
        for doc in (
            await self._db[d.ALERTS].find(query, {"opportunity_id": 1, "kind": 1}, session=self._s).to_list()
        ):
            alerts = self._alerts[doc["opportunity_id"]]
            kind = AlertKind(doc["kind"])
            alerts[kind] = replace(alerts[kind], state=AlertState.CLAIMED)

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
        await self._load_opportunities([opportunity_id])
        await self._load_claims([opportunity_id])
        return dict(self._alerts[opportunity_id])

    async def save_alert(self, alert: ScheduledAlert) -> None:
        self._alerts.setdefault(alert.opportunity_id or "", {})[alert.kind] = alert
        self._dirty_alerts[alert.id] = alert

    async def open_opportunity_ids_in(self, pipeline_id: str) -> list[str]:
        # A scan of the copies: this pass is rare (new thresholds), and an index would slow
        # every copy the consumer writes.
        query = {"status": "OPEN", "pipeline_id": pipeline_id}
        docs = await self._db[d.OPPORTUNITIES].find(query, {"_id": 1}, session=self._s).to_list()
        return sorted(doc["_id"] for doc in docs)

    async def opportunities(self, ids: Sequence[str]) -> list[OpportunityCopy]:
        await self._load_opportunities(ids)
        return [o for i in ids if (o := self._opportunities[i]) is not None]

    async def load_alerts(self, opportunity_ids: Sequence[str]) -> None:
        await self._load_opportunities(opportunity_ids)
        await self._load_claims(opportunity_ids)

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

    async def reminder(self, activity_id: str) -> ScheduledAlert | None:
        key = reminder_id(activity_id)
        if key not in self._reminders:
            found = await self._find(d.ALERTS, [key])
            self._reminders[key] = d.alert_from(found[0]) if found else None
        return self._reminders[key]

    async def save_reminder(self, reminder: ScheduledAlert) -> None:
        self._reminders[reminder.id] = reminder
        self._dirty_reminders.add(reminder.id)

    def _reminder_writes(self) -> list[UpdateOne]:
        # The planner's fields only: a claim's lease stays the scheduler's (a reminder moved
        # while claimed is PENDING again, and the claim's finish passes over it).
        return [
            UpdateOne({"_id": key}, {"$set": d.alert_fields(reminder)}, upsert=True)
            for key in self._dirty_reminders
            if (reminder := self._reminders[key]) is not None
        ]

    async def add_to_assignment_summary(
        self, *, recipient_id: str, opportunity_id: str, due_at: datetime, event_id: str
    ) -> None:
        self._summaries.add(
            recipient_id=recipient_id, opportunity_id=opportunity_id, due_at=due_at, event_id=event_id
        )

    async def flush(self) -> None:
        """Write everything the batch changed, one bulk write per collection."""
        sequences = [
            self._write(APPLIED_SEQUENCES, {"_id": k, "sequence": self._sequences[k]})
            for k in self._dirty_sequences
        ]
        summaries, digests = await self._summaries.writes(self._db, self._s)
        # Alerts first: whether the schedule holds each is part of its record.
        scheduled = self._schedule_writes([a for a in self._dirty_alerts.values() if a.opportunity_id])
        opportunities = [self._opportunities[i] for i in self._dirty_opportunities]
        pipelines = [self._pipelines[i] for i in self._dirty_pipelines]
        writes: list[tuple[str, list[Any]]] = [
            (APPLIED_SEQUENCES, sequences),
            (
                d.OPPORTUNITIES,
                [self._write(d.OPPORTUNITIES, self._opportunity_doc(o)) for o in opportunities if o]
                + self._record_updates(),
            ),
            (d.PIPELINES, [self._write(d.PIPELINES, d.pipeline_doc(p)) for p in pipelines if p]),
            # User copies are not read by the consumer, so whether one exists is unknown: upsert.
            (
                d.USERS,
                [ReplaceOne({"_id": u.id}, d.user_doc(u), upsert=True) for u in self._dirty_users.values()],
            ),
            (d.ALERTS, scheduled + summaries + self._reminder_writes()),
            (d.DIGESTS, digests),
        ]
        for collection, operations in writes:
            if operations:
                await self._db[collection].bulk_write(operations, ordered=True, session=self._s)

    def _schedule_writes(self, alerts: Sequence[ScheduledAlert]) -> list[Any]:
        """The schedule's writes for these alerts. The schedule holds an alert while it is still
        to come: one that ended leaves (its record remains), one held is updated in place, which
        keeps a scheduler's lease on it."""
        writes: list[Any] = []
        for alert in alerts:
            held = alert.id in self._in_schedule
            if alert.state in PENDING_STATES:
                if held:
                    writes.append(UpdateOne({"_id": alert.id}, {"$set": d.alert_fields(alert)}))
                else:
                    writes.append(InsertOne({"_id": alert.id, **d.alert_fields(alert)}))
                    self._in_schedule.add(alert.id)
            elif held:
                writes.append(DeleteOne({"_id": alert.id}))
                self._in_schedule.discard(alert.id)
        return writes

    def _records(self, opportunity_id: str) -> Document:
        """The copy's alert records as they are now, the scheduler's fields kept."""
        stored = self._stored_records[opportunity_id]
        return {
            kind.value: {
                **stored.get(kind.value, {}),
                **d.alert_record(a, in_schedule=a.id in self._in_schedule),
            }
            for kind, a in self._alerts[opportunity_id].items()
        }

    def _opportunity_doc(self, opportunity: OpportunityCopy) -> Document:
        return {
            **d.opportunity_doc(opportunity),
            "sequence": self._opportunity_sequences[opportunity.id],
            d.ALERT_RECORDS: self._records(opportunity.id),
        }

    def _record_updates(self) -> list[UpdateOne]:
        """Re-planning changes alerts without rewriting their copies: set their records (all of
        them, as this unit holds them: a copy read without records gets the whole set)."""
        changed = {a.opportunity_id for a in self._dirty_alerts.values() if a.opportunity_id}
        return [
            UpdateOne({"_id": i}, {"$set": {d.ALERT_RECORDS: self._records(i)}})
            for i in sorted(changed - self._dirty_opportunities)
        ]

    def _write(self, collection: str, doc: Document) -> InsertOne[Document] | ReplaceOne[Document]:
        if doc["_id"] in self._stored[collection]:
            return ReplaceOne({"_id": doc["_id"]}, doc)
        return InsertOne(doc)


class MongoIntakeStore:
    def __init__(
        self,
        client: AsyncMongoClient[Document],
        db: AsyncDatabase[Document],
        policies: PolicyRepository,
        clock: Clock,
    ) -> None:
        self._client = client
        self._db = db
        self._policies = policies
        self._clock = clock

    async def run(self, prefetch: Prefetch, work: Callable[[IntakeUnit], Awaitable[T]]) -> T:
        async def attempt(session: AsyncClientSession, *, creations_are_new: bool) -> T:
            # Built afresh on every attempt: a retried transaction re-reads everything.
            unit = BufferedIntakeUnit(
                self._db, self._policies, session, self._clock.now(), creations_are_new=creations_are_new
            )
            await unit.load(prefetch)
            result = await work(unit)
            await unit.flush()
            return result

        try:
            return await in_transaction(self._client, partial(attempt, creations_are_new=True))
        except BulkWriteError as exc:
            if not any(e.get("code") == DUPLICATE_KEY for e in exc.details.get("writeErrors", [])):
                raise
            # A creation seen before: apply the batch again, reading every copy.
            return await in_transaction(self._client, partial(attempt, creations_are_new=False))

"""The consumer's storage: copies, the schedule and the sequence guard, in one transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TypeVar

from pymongo import AsyncMongoClient
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from contracts.envelope import CloudEvent
from servicekit.idempotency import advance_sequence
from servicekit.mongo import Document, in_transaction
from services.notifications.adapters import documents as d
from services.notifications.adapters.policy_repo import PolicyRepository
from services.notifications.application.ports import IntakeUnit
from services.notifications.domain.model import (
    AlertKind,
    AlertPolicy,
    AlertState,
    OpportunityCopy,
    PipelineCopy,
    ScheduledAlert,
    UserCopy,
)

T = TypeVar("T")


class MongoIntakeUnit:
    def __init__(
        self, db: AsyncDatabase[Document], policies: PolicyRepository, session: AsyncClientSession
    ) -> None:
        self._db = db
        self._policies = policies
        self._s = session

    async def advance(self, event: CloudEvent) -> bool:
        return await advance_sequence(self._db, self._s, event)

    async def policy(self) -> AlertPolicy:
        return await self._policies.get(self._s)

    async def opportunity(self, opportunity_id: str) -> OpportunityCopy | None:
        doc = await self._db[d.OPPORTUNITIES].find_one({"_id": opportunity_id}, session=self._s)
        return d.opportunity_from(doc) if doc else None

    async def save_opportunity(self, opportunity: OpportunityCopy) -> None:
        doc = d.opportunity_doc(opportunity)
        await self._db[d.OPPORTUNITIES].replace_one({"_id": doc["_id"]}, doc, upsert=True, session=self._s)

    async def pipeline(self, pipeline_id: str) -> PipelineCopy | None:
        doc = await self._db[d.PIPELINES].find_one({"_id": pipeline_id}, session=self._s)
        return d.pipeline_from(doc) if doc else None

    async def save_pipeline(self, pipeline: PipelineCopy) -> None:
        doc = d.pipeline_doc(pipeline)
        await self._db[d.PIPELINES].replace_one({"_id": doc["_id"]}, doc, upsert=True, session=self._s)

    async def save_user(self, user: UserCopy) -> None:
        doc = d.user_doc(user)
        await self._db[d.USERS].replace_one({"_id": doc["_id"]}, doc, upsert=True, session=self._s)

    async def alerts_of(self, opportunity_id: str) -> dict[AlertKind, ScheduledAlert]:
        ids = [f"{opportunity_id}:{kind.value}" for kind in AlertKind if kind != AlertKind.ASSIGNED]
        cursor = self._db[d.ALERTS].find({"_id": {"$in": ids}}, session=self._s)
        return {a.kind: a for a in map(d.alert_from, await cursor.to_list())}

    async def save_alert(self, alert: ScheduledAlert) -> None:
        await self._db[d.ALERTS].update_one(
            {"_id": alert.id}, {"$set": d.alert_fields(alert)}, upsert=True, session=self._s
        )

    async def open_opportunities_in(self, pipeline_id: str) -> list[OpportunityCopy]:
        cursor = self._db[d.OPPORTUNITIES].find(
            {"pipeline_id": pipeline_id, "status": "OPEN"}, session=self._s
        )
        return [d.opportunity_from(doc) for doc in await cursor.to_list()]

    async def add_to_assignment_summary(
        self, *, recipient_id: str, batch: str, opportunity_id: str, due_at: datetime, event_id: str
    ) -> None:
        summary_id = f"assigned:{recipient_id}:{batch}"
        # Read first: a duplicate-key error would abort the whole transaction.
        existing = await self._db[d.ALERTS].find_one({"_id": summary_id}, {"state": 1}, session=self._s)
        if existing is not None and existing["state"] != AlertState.PENDING.value:
            summary_id = (
                f"{summary_id}:{event_id}"  # that batch's summary went out; a late member gets its own
            )
        await self._db[d.ALERTS].update_one(
            {"_id": summary_id},
            _summary_update(recipient_id, batch, opportunity_id, due_at),
            upsert=True,
            session=self._s,
        )


def _summary_update(recipient_id: str, batch: str, opportunity_id: str, due_at: datetime) -> Document:
    return {
        "$setOnInsert": {
            "kind": AlertKind.ASSIGNED.value, "opportunity_id": None, "anchor": batch,
            "due_at": due_at, "state": AlertState.PENDING.value, "owner_id": recipient_id, "occurrence": 0,
        },
        "$addToSet": {"opportunity_ids": opportunity_id},
    }  # fmt: skip


class MongoIntakeStore:
    def __init__(
        self, client: AsyncMongoClient[Document], db: AsyncDatabase[Document], policies: PolicyRepository
    ) -> None:
        self._client = client
        self._db = db
        self._policies = policies

    async def run(self, work: Callable[[IntakeUnit], Awaitable[T]]) -> T:
        return await in_transaction(
            self._client, lambda session: work(MongoIntakeUnit(self._db, self._policies, session))
        )

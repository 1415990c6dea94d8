"""Reads behind the API: an opportunity's pending alerts and the close-date batch view."""

from __future__ import annotations

from datetime import date

from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document
from services.notifications.adapters import documents as d
from services.notifications.domain.access import Scope
from services.notifications.domain.model import AlertState, OpportunityCopy, ScheduledAlert


class MongoScheduleReader:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._db = db

    async def opportunity(self, opportunity_id: str) -> OpportunityCopy | None:
        doc = await self._db[d.OPPORTUNITIES].find_one({"_id": opportunity_id})
        return d.opportunity_from(doc) if doc else None

    async def pending_alerts(self, opportunity_id: str) -> list[ScheduledAlert]:
        live = [AlertState.PENDING.value, AlertState.CLAIMED.value]
        docs = (
            await self._db[d.ALERTS]
            .find({"opportunity_id": opportunity_id, "state": {"$in": live}})
            .to_list()
        )
        return sorted(map(d.alert_from, docs), key=lambda a: a.due_at)

    async def closing_between(
        self, first: date, last: date, scope: Scope, limit: int
    ) -> list[OpportunityCopy]:
        query: Document = {
            "status": "OPEN",
            "expected_close_date": {"$gte": first.isoformat(), "$lte": last.isoformat()},
        }
        if scope.owner_id is not None:
            query["owner_id"] = scope.owner_id
        if scope.team is not None:
            query["team"] = scope.team
        cursor = (
            self._db[d.OPPORTUNITIES].find(query).sort([("expected_close_date", 1), ("_id", 1)]).limit(limit)
        )
        return [d.opportunity_from(doc) for doc in await cursor.to_list()]

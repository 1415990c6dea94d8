"""Reads behind the API: an opportunity's pending alerts and the close-date batch view."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document
from services.notifications.adapters import documents as d
from services.notifications.domain.access import Scope
from services.notifications.domain.model import AlertState, OpportunityCopy, ScheduledAlert


class MongoScheduleReader:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._db = db

    async def opportunities(self, ids: Sequence[str]) -> dict[str, OpportunityCopy]:
        docs = await self._db[d.OPPORTUNITIES].find({"_id": {"$in": list(ids)}}).to_list()
        return {doc["_id"]: d.opportunity_from(doc) for doc in docs}

    async def pending_alerts(self, opportunity_ids: Sequence[str]) -> dict[str, list[ScheduledAlert]]:
        live = [AlertState.PENDING.value, AlertState.CLAIMED.value]
        query = {"opportunity_id": {"$in": list(opportunity_ids)}, "state": {"$in": live}}
        found: dict[str, list[ScheduledAlert]] = {i: [] for i in opportunity_ids}
        for alert in sorted(
            map(d.alert_from, await self._db[d.ALERTS].find(query).to_list()), key=lambda a: a.due_at
        ):
            found[alert.opportunity_id or ""].append(alert)
        return found

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

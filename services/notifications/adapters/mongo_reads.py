"""Reads behind the API: an opportunity's pending alerts and the close-date batch view."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document
from services.notifications.adapters import documents as d
from services.notifications.domain.access import Scope
from services.notifications.domain.model import (
    PENDING_STATES,
    SCHEDULED_KINDS,
    OpportunityCopy,
    ScheduledAlert,
    alert_id,
)


class MongoScheduleReader:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._db = db

    async def opportunities(self, ids: Sequence[str]) -> dict[str, OpportunityCopy]:
        docs = await self._db[d.OPPORTUNITIES].find({"_id": {"$in": list(ids)}}).to_list()
        return {doc["_id"]: d.opportunity_from(doc) for doc in docs}

    async def opportunities_and_pending_counts(
        self, ids: Sequence[str]
    ) -> tuple[dict[str, OpportunityCopy], dict[str, int]]:
        """The copies, and how many alerts each has still to come: from the kinds its copy
        keeps (same read), or for a copy from before that field, from its alerts."""
        docs = await self._db[d.OPPORTUNITIES].find({"_id": {"$in": list(ids)}}).to_list()
        copies = {doc["_id"]: d.opportunity_from(doc) for doc in docs}
        counts: dict[str, int] = {}
        unknown = []
        for doc in docs:
            kinds = d.stored_pending_kinds(doc)
            if kinds is None:
                unknown.append(doc["_id"])
            else:
                counts[doc["_id"]] = len(kinds)
        if unknown:
            counts |= {i: len(alerts) for i, alerts in (await self.pending_alerts(unknown)).items()}
        return copies, counts

    async def pending_alerts(self, opportunity_ids: Sequence[str]) -> dict[str, list[ScheduledAlert]]:
        # By id: an opportunity's alerts have known ids, one per scheduled kind.
        ids = [alert_id(o, kind) for o in opportunity_ids for kind in SCHEDULED_KINDS]
        found: dict[str, list[ScheduledAlert]] = {i: [] for i in opportunity_ids}
        docs = await self._db[d.ALERTS].find({"_id": {"$in": ids}}).to_list()
        for alert in sorted(map(d.alert_from, docs), key=lambda a: a.due_at):
            if alert.state in PENDING_STATES and alert.opportunity_id in found:
                found[alert.opportunity_id].append(alert)
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

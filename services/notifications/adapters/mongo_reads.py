"""Reads behind the API: the copies, and their alerts still to come and how many."""

from __future__ import annotations

from collections.abc import Sequence

from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document, find_by_ids
from services.notifications.adapters import documents as d
from services.notifications.domain.model import PENDING_STATES, OpportunityCopy, ScheduledAlert


class MongoScheduleReader:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._db = db

    async def is_active_user(self, user_id: str) -> bool:
        """From the copy of the user the ``user.*`` events keep: False once they were deactivated."""
        doc = await self._db[d.USERS].find_one({"_id": user_id}, {"active": 1})
        return doc is None or bool(doc.get("active", True))

    async def opportunities(self, ids: Sequence[str]) -> dict[str, OpportunityCopy]:
        docs = await find_by_ids(self._db[d.OPPORTUNITIES], ids)
        return {doc["_id"]: d.opportunity_from(doc) for doc in docs}

    async def opportunities_and_pending_counts(
        self, ids: Sequence[str]
    ) -> tuple[dict[str, OpportunityCopy], dict[str, int]]:
        """The copies, and how many alerts each has still to come (from the records it keeps:
        the same read)."""
        docs = await find_by_ids(self._db[d.OPPORTUNITIES], ids)
        copies = {doc["_id"]: d.opportunity_from(doc) for doc in docs}
        counts = {doc["_id"]: d.pending_count(doc) for doc in docs}
        return copies, counts

    async def pending_alerts(self, opportunity_ids: Sequence[str]) -> dict[str, list[ScheduledAlert]]:
        """From the records in the copies; those on the schedule as it holds them (a claim
        shows as CLAIMED)."""
        copies = await find_by_ids(self._db[d.OPPORTUNITIES], opportunity_ids)
        recorded = {
            a.id: a for doc in copies for a in d.alerts_recorded(doc).values() if a.state in PENDING_STATES
        }
        held = [i for doc in copies for i in d.in_schedule(doc) if i in recorded]
        if held:
            for doc in await find_by_ids(self._db[d.ALERTS], held):
                recorded[doc["_id"]] = d.alert_from(doc)
        found: dict[str, list[ScheduledAlert]] = {i: [] for i in opportunity_ids}
        for alert in sorted(recorded.values(), key=lambda a: a.due_at):
            if alert.state in PENDING_STATES and alert.opportunity_id in found:
                found[alert.opportunity_id].append(alert)
        return found

"""The schedule as the scheduler sees it: index-backed finds of what is due, claims by
conditional ``update_one`` (never ``find_one_and_update`` on this hot path), and the copies it
reads to compose alerts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document
from services.notifications.adapters import documents as d
from services.notifications.adapters.policy_repo import PolicyRepository
from services.notifications.domain.model import (
    AlertPolicy,
    AlertState,
    OpportunityCopy,
    ScheduledAlert,
    UserCopy,
)

PENDING, CLAIMED = AlertState.PENDING.value, AlertState.CLAIMED.value


class MongoSchedule:
    def __init__(self, db: AsyncDatabase[Document], policies: PolicyRepository) -> None:
        self._db = db
        self._policies = policies

    async def due(self, now: datetime, limit: int) -> list[ScheduledAlert]:
        """Pending alerts whose time has come, then claims whose lease ran out (their
        scheduler died mid-way). Both are narrow ranges on (state, time) indexes."""
        alerts = self._db[d.ALERTS]
        found = await alerts.find({"state": PENDING, "due_at": {"$lte": now}}).limit(limit).to_list()
        if len(found) < limit:
            expired = alerts.find({"state": CLAIMED, "lease_expires_at": {"$lte": now}})
            found += await expired.limit(limit - len(found)).to_list()
        return [d.alert_from(doc) for doc in found]

    async def claim(self, alert: ScheduledAlert, owner: str, now: datetime, until: datetime) -> bool:
        condition: Document = {"_id": alert.id, "anchor": alert.anchor, "occurrence": alert.occurrence}
        if alert.state == AlertState.PENDING:
            condition |= {"state": PENDING, "due_at": {"$lte": now}}
        else:
            condition |= {"state": CLAIMED, "lease_expires_at": {"$lte": now}}
        result = await self._db[d.ALERTS].update_one(
            condition,
            {"$set": {"state": CLAIMED, "lease_owner": owner, "lease_expires_at": until, "claimed_at": now}},
        )
        return result.modified_count == 1

    async def finish(
        self, claimed: ScheduledAlert, after: ScheduledAlert, owner: str, now: datetime, late: bool
    ) -> bool:
        """Record the hand-over, unless the claim was lost (lease expired and taken) or the
        alert was re-planned meanwhile (then the planner's version stands)."""
        result = await self._db[d.ALERTS].update_one(
            {
                "_id": claimed.id,
                "state": CLAIMED,
                "lease_owner": owner,
                "anchor": claimed.anchor,
                "occurrence": claimed.occurrence,
            },
            {
                "$set": {**d.alert_fields(after), "last_handed_over_at": now, "last_late": late},
                "$unset": {"lease_owner": "", "lease_expires_at": ""},
            },
        )
        return result.modified_count == 1

    async def policy(self) -> AlertPolicy:
        return await self._policies.get()

    async def opportunities(self, ids: Sequence[str]) -> dict[str, OpportunityCopy]:
        docs = await self._db[d.OPPORTUNITIES].find({"_id": {"$in": list(ids)}}).to_list()
        return {doc["_id"]: d.opportunity_from(doc) for doc in docs}

    async def users(self, ids: Sequence[str]) -> dict[str, UserCopy]:
        docs = await self._db[d.USERS].find({"_id": {"$in": list(ids)}}).to_list()
        return {doc["_id"]: d.user_from(doc) for doc in docs}

    async def admins(self) -> list[UserCopy]:
        docs = await self._db[d.USERS].find({"role": "ADMIN", "active": True}).to_list()
        return [d.user_from(doc) for doc in docs]

"""The schedule as the scheduler sees it: index-backed finds of what is due (partial indexes
over the PENDING and CLAIMED alerts, see ``documents.INDEXES``), claims by one bulk write of conditional ``update_one``
per alert (never ``find_one_and_update`` on this hot path), and the copies it reads to compose
alerts.

Handing an alert over updates its document and, in the same transaction, its record in the
opportunity's copy (``documents.ALERT_RECORDS``)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from pymongo import AsyncMongoClient, UpdateOne
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document, find_by_ids, in_transaction
from services.notifications.adapters import documents as d
from services.notifications.adapters.policy_repo import PolicyRepository
from services.notifications.application.ports import Claim, Finished
from services.notifications.domain.model import (
    AlertPolicy,
    AlertState,
    OpportunityCopy,
    ScheduledAlert,
    UserCopy,
)

PENDING, CLAIMED = AlertState.PENDING.value, AlertState.CLAIMED.value


class MongoSchedule:
    def __init__(
        self, client: AsyncMongoClient[Document], db: AsyncDatabase[Document], policies: PolicyRepository
    ) -> None:
        self._client = client
        self._db = db
        self._policies = policies

    async def due(self, now: datetime, limit: int) -> list[ScheduledAlert]:
        """Pending alerts whose time has come, then claims whose lease ran out (their
        scheduler died mid-way). Each is a range of a partial index: due times of the PENDING
        alerts, leases of the CLAIMED ones (the alerts in flight right now)."""
        alerts = self._db[d.ALERTS]
        found = await alerts.find({"state": PENDING, "due_at": {"$lte": now}}).limit(limit).to_list()
        if len(found) < limit:
            expired = alerts.find({"state": CLAIMED, "lease_expires_at": {"$lte": now}})
            found += await expired.limit(limit - len(found)).to_list()
        return [d.alert_from(doc) for doc in found]

    async def claim(
        self, alerts: Sequence[ScheduledAlert], owner: str, now: datetime, until: datetime
    ) -> Claim:
        """Claim with one conditional ``update_one`` per alert (pending and due; or claimed with
        a lease that ran out), sent as one bulk write: each document matches for one claimer
        only. What this claim won is then read back by its token, as it stands now (re-planned
        since the find, or not).

        Per document rather than one ``update_many``, right on any server: still one round
        trip, each condition is checked on its own document, and a multi-document update
        outside a transaction does not wait on (or, on the embedded test server, wedge behind)
        the consumer's transactions, which write these alerts."""
        token = f"{owner}:{uuid.uuid4().hex}"
        lease = {
            "state": CLAIMED,
            "lease_owner": owner,
            "lease_token": token,
            "lease_expires_at": until,
            "claimed_at": now,
        }
        claims = [
            UpdateOne({"_id": a.id, "state": PENDING, "due_at": {"$lte": now}}, {"$set": lease})
            if a.state == AlertState.PENDING
            else UpdateOne(
                {"_id": a.id, "state": CLAIMED, "lease_expires_at": {"$lte": now}}, {"$set": lease}
            )
            for a in alerts
            if a.state in (AlertState.PENDING, AlertState.CLAIMED)
        ]
        won = (await self._db[d.ALERTS].bulk_write(claims, ordered=False)).modified_count if claims else 0
        # By ``_id`` (the token has no index): of the alerts asked for, those this claim holds.
        query = {"_id": {"$in": [a.id for a in alerts]}, "lease_token": token}
        docs = await self._db[d.ALERTS].find(query).to_list() if won else []
        return Claim(token, [d.alert_from(doc) for doc in docs])

    async def finish(self, outcomes: Sequence[Finished], token: str, now: datetime) -> int:
        """Record the hand-overs of alerts this claim still holds: one the planner re-planned
        or cancelled meanwhile is no longer CLAIMED, and the planner's version stands.

        Alerts that end leave the schedule in one ``delete_many`` (their records remain;
        summaries, which have none, are marked by how they ended); overdue reminders, each with
        its own next due time, go in one bulk write; the records in the copies follow, in the
        same transaction."""
        return await in_transaction(self._client, lambda s: self._finish(outcomes, token, now, s))

    async def release(self, alert_ids: Sequence[str], token: str) -> int:
        """Only the alerts this claim still holds: one re-planned meanwhile keeps its new state.
        Per document, for the reason ``claim`` gives."""
        if not alert_ids:
            return 0
        back = {
            "$set": {"state": PENDING},
            "$unset": {"lease_owner": "", "lease_expires_at": "", "lease_token": ""},
        }
        releases = [UpdateOne({"_id": i, "state": CLAIMED, "lease_token": token}, back) for i in alert_ids]
        return (await self._db[d.ALERTS].bulk_write(releases, ordered=False)).modified_count

    async def _finish(
        self, outcomes: Sequence[Finished], token: str, now: datetime, session: AsyncClientSession
    ) -> int:
        held = {"state": CLAIMED, "lease_token": token}
        release = {"lease_owner": "", "lease_expires_at": "", "lease_token": ""}
        summaries: dict[tuple[str, bool], list[str]] = defaultdict(list)
        ended: list[str] = []
        reminders: list[UpdateOne] = []
        for o in outcomes:
            if o.after.state == AlertState.PENDING:
                fields = {**d.alert_fields(o.after), "last_handed_over_at": now, "last_late": o.late}
                reminders.append(
                    UpdateOne({"_id": o.claimed.id, **held}, {"$set": fields, "$unset": release})
                )
            elif o.claimed.opportunity_id:
                ended.append(o.claimed.id)  # its record remains; it leaves the schedule
            else:
                summaries[(o.after.state.value, o.late)].append(o.claimed.id)
        modified = 0
        # Of the alerts handed over, those this claim still holds (read in the transaction, so
        # exactly those are written below, or the transaction is retried).
        claimed = [o.claimed.id for o in outcomes]
        found = self._db[d.ALERTS].find({"_id": {"$in": claimed}, **held}, {"_id": 1}, session=session)
        still_held = {doc["_id"] for doc in await found.to_list()}
        if ended := [i for i in ended if i in still_held]:
            removed = await self._db[d.ALERTS].delete_many({"_id": {"$in": ended}, **held}, session=session)
            modified += removed.deleted_count
        for (state, late), ids in summaries.items():
            ids = [i for i in ids if i in still_held]
            if not ids:
                continue
            fields = {"state": state, "last_handed_over_at": now, "last_late": late}
            result = await self._db[d.ALERTS].update_many(
                {"_id": {"$in": ids}, **held}, {"$set": fields, "$unset": release}, session=session
            )
            modified += result.modified_count
        # Their records, in the copies.
        handed = [o for o in outcomes if o.claimed.opportunity_id and o.claimed.id in still_held]
        if handed:
            records = [
                UpdateOne({"_id": o.claimed.opportunity_id}, {"$set": _record_fields(o, now)}) for o in handed
            ]
            await self._db[d.OPPORTUNITIES].bulk_write(records, ordered=False, session=session)
        if reminders:
            written = await self._db[d.ALERTS].bulk_write(reminders, ordered=False, session=session)
            modified += written.modified_count
        return modified

    async def policy(self) -> AlertPolicy:
        return await self._policies.get()

    async def opportunities(self, ids: Sequence[str]) -> dict[str, OpportunityCopy]:
        docs = await find_by_ids(self._db[d.OPPORTUNITIES], ids)
        return {doc["_id"]: d.opportunity_from(doc) for doc in docs}

    async def users(self, ids: Sequence[str]) -> dict[str, UserCopy]:
        docs = await self._db[d.USERS].find({"_id": {"$in": list(ids)}}).to_list()
        return {doc["_id"]: d.user_from(doc) for doc in docs}

    async def admins(self) -> list[UserCopy]:
        docs = await self._db[d.USERS].find({"role": "ADMIN", "active": True}).to_list()
        return [d.user_from(doc) for doc in docs]


def _record_fields(handed: Finished, now: datetime) -> Document:
    """``$set`` fields for the record of an alert handed over, in its opportunity's copy."""
    prefix = f"{d.ALERT_RECORDS}.{handed.after.kind.value}"
    fields = {
        **d.alert_record(handed.after, in_schedule=handed.after.state == AlertState.PENDING),
        "last_handed_over_at": now,
        "last_late": handed.late,
    }
    return {f"{prefix}.{name}": value for name, value in fields.items()}

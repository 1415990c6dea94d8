"""Bringing what earlier versions stored into today's layout, at start-up.

- Earlier versions kept an opportunity's alerts (any state) only in the schedule, and the copies
  kept the kinds still to come. Now each copy records its alerts (``documents.ALERT_RECORDS``):
  every copy without records gets them from its alerts' documents, which stay where they are (on
  the schedule, so recorded as such). A chunk of copies per transaction, each only if it still
  has no records, so a consumer writing the same copy meanwhile (with records) is not
  overwritten and a process stopped midway carries on at the next start. A marker in the
  settings says when it is done, so later starts cost one read.
- Earlier versions listed alerts due beyond the next day in ``alert_wheel`` (one document per
  due day) instead of the schedule. Every pending alert is on the schedule now; what is still
  listed is moved there (``move_listed_alerts``), each alert checked against its record, so one
  planned again or ended since it was listed is passed over.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import partial
from typing import Any

from pymongo import AsyncMongoClient, InsertOne, UpdateOne
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document, in_transaction
from services.notifications.adapters import documents as d
from services.notifications.domain.model import (
    SCHEDULED_KINDS,
    AlertKind,
    AlertState,
    ScheduledAlert,
    alert_id,
)

LAYOUT_ID = "storage_layout"
ALERTS_LAYOUT = 2
WITHOUT_RECORDS = {d.ALERT_RECORDS: {"$exists": False}}


async def migrate_alerts(
    client: AsyncMongoClient[Document], db: AsyncDatabase[Document], chunk: int = 500
) -> int:
    """Record the alerts of every copy that has no records yet; returns how many copies."""
    marker = await db[d.SETTINGS].find_one({"_id": LAYOUT_ID})
    if marker is not None and marker.get("alerts", 0) >= ALERTS_LAYOUT:
        return 0
    ids = [doc["_id"] for doc in await db[d.OPPORTUNITIES].find(WITHOUT_RECORDS, {"_id": 1}).to_list()]
    for start in range(0, len(ids), chunk):
        await in_transaction(client, partial(_record, db, ids[start : start + chunk]))
    await db[d.OPPORTUNITIES].update_many(
        {d.RETIRED_PENDING_KINDS: {"$exists": True}}, {"$unset": {d.RETIRED_PENDING_KINDS: ""}}
    )
    await db[d.SETTINGS].update_one({"_id": LAYOUT_ID}, {"$set": {"alerts": ALERTS_LAYOUT}}, upsert=True)
    return len(ids)


async def records_from_schedule(
    db: AsyncDatabase[Document], ids: Sequence[str], session: AsyncClientSession
) -> dict[str, Document]:
    """The alert records of copies written without them, from their alerts' documents (all on
    the schedule then). Also what the consumer reads for such a copy, should an earlier
    version's consumer still be writing them during an upgrade."""
    wanted = [alert_id(i, kind) for i in ids for kind in SCHEDULED_KINDS]
    records: dict[str, Document] = {i: {} for i in ids}
    for doc in await db[d.ALERTS].find({"_id": {"$in": wanted}}, session=session).to_list():
        alert = d.alert_from(doc)
        last = {k: v for k, v in doc.items() if k.startswith("last_")}
        records[alert.opportunity_id or ""][alert.kind.value] = {
            **d.alert_record(alert, in_schedule=True),
            **last,
        }
    return records


async def _record(db: AsyncDatabase[Document], ids: list[str], session: AsyncClientSession) -> None:
    records = await records_from_schedule(db, ids, session)
    writes = [UpdateOne({"_id": i, **WITHOUT_RECORDS}, {"$set": {d.ALERT_RECORDS: records[i]}}) for i in ids]
    await db[d.OPPORTUNITIES].bulk_write(writes, ordered=False, session=session)


async def move_listed_alerts(
    client: AsyncMongoClient[Document], db: AsyncDatabase[Document], chunk: int = 100
) -> int:
    """Put the alerts an earlier version listed in the wheel onto the schedule, a chunk of its
    documents per transaction, removing them as they go; returns how many were scheduled. A
    start-up with nothing listed costs one read."""
    moved = 0
    while ids := [
        doc["_id"] for doc in await db[d.RETIRED_WHEEL].find({}, {"_id": 1}).limit(chunk).to_list()
    ]:
        moved += await in_transaction(client, partial(_move, db, ids))
    return moved


async def _move(db: AsyncDatabase[Document], ids: list[Any], session: AsyncClientSession) -> int:
    # Read again in the transaction: another process starting may have moved them meanwhile.
    listed = await db[d.RETIRED_WHEEL].find({"_id": {"$in": ids}}, session=session).to_list()
    entries = [entry for doc in listed for entry in doc["alerts"]]
    wanted = list({entry["opportunity_id"] for entry in entries})
    found = db[d.OPPORTUNITIES].find({"_id": {"$in": wanted}}, session=session)
    copies = {doc["_id"]: doc for doc in await found.to_list()}
    alerts: dict[str, ScheduledAlert] = {}
    for entry in entries:
        copy = copies.get(entry["opportunity_id"])
        alert = d.alerts_recorded(copy).get(AlertKind(entry["kind"])) if copy else None
        # Still as listed: pending, due then, and not on the schedule already.
        if (
            copy is not None
            and alert is not None
            and alert.state == AlertState.PENDING
            and alert.due_at == entry["due_at"]
            and alert.id not in d.in_schedule(copy)
        ):
            alerts[alert.id] = alert
    records: dict[str, Document] = defaultdict(dict)
    for alert in alerts.values():
        records[alert.opportunity_id or ""][f"{d.ALERT_RECORDS}.{alert.kind.value}.{d.IN_SCHEDULE}"] = True
    if alerts:
        inserts = [InsertOne({"_id": a.id, **d.alert_fields(a)}) for a in alerts.values()]
        await db[d.ALERTS].bulk_write(inserts, ordered=False, session=session)
        updates = [UpdateOne({"_id": i}, {"$set": fields}) for i, fields in records.items()]
        await db[d.OPPORTUNITIES].bulk_write(updates, ordered=False, session=session)
    if listed:
        await db[d.RETIRED_WHEEL].delete_many(
            {"_id": {"$in": [doc["_id"] for doc in listed]}}, session=session
        )
    return len(alerts)

"""Alerts planned beyond the horizon, kept off the schedule until a day before they fall due.

Most alerts are planned weeks ahead (days before a close date a month away, the morning after
it), and many are planned again before their time: a new close date, a win, a new owner. The
schedule's (state, due time) index is paid for on every write to it, so writing each of those
plans there would cost intake most of its time. An alert due beyond the horizon is therefore
only recorded in its opportunity's copy and listed here: one document per due day per batch of
events, whose index on the day is paid once per document, not per alert.

At each tick the scheduler moves the listed alerts of the days within the horizon onto the
schedule (``bring_onto_schedule``), each checked against its record: one planned again or ended
since it was listed is passed over (its newer plan is listed or scheduled on its own). Listed
days are removed as they are moved, so a scheduler that was down catches up at its next tick:
every day up to the horizon is moved, alerts already due included (they go out marked late).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from pymongo import AsyncMongoClient, InsertOne, UpdateOne
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document, find_by_ids, in_transaction
from services.notifications.adapters import documents as d
from services.notifications.domain.model import AlertKind, AlertState, ScheduledAlert

HORIZON = timedelta(days=1)
"""Alerts due by the end of the (UTC) day this far ahead go straight onto the schedule. A day
leaves the scheduler a day's slack, far more than its ticks are apart."""


def wheel_day(moment: datetime) -> str:
    return moment.astimezone(UTC).date().isoformat()


def beyond_horizon(due_at: datetime, now: datetime) -> bool:
    return wheel_day(due_at) > wheel_day(now + HORIZON)


def listings(alerts: Iterable[ScheduledAlert]) -> list[Document]:
    """The wheel's documents for these alerts: one per due day."""
    by_day: dict[str, list[Document]] = defaultdict(list)
    for a in alerts:
        by_day[wheel_day(a.due_at)].append(
            {"opportunity_id": a.opportunity_id, "kind": a.kind.value, "due_at": a.due_at}
        )
    return [{"day": day, "alerts": entries} for day, entries in by_day.items()]


async def bring_onto_schedule(
    client: AsyncMongoClient[Document], db: AsyncDatabase[Document], now: datetime, chunk: int = 100
) -> int:
    """Move the listed alerts of the days within the horizon onto the schedule, a chunk of the
    wheel's documents per transaction; returns how many alerts were scheduled."""
    within = {"day": {"$lte": wheel_day(now + HORIZON)}}
    scheduled = 0
    while ids := [doc["_id"] for doc in await db[d.WHEEL].find(within, {"_id": 1}).limit(chunk).to_list()]:
        scheduled += await in_transaction(client, partial(_move, db, ids))
    return scheduled


async def _move(db: AsyncDatabase[Document], ids: list[Any], session: AsyncClientSession) -> int:
    # Read again in the transaction: another scheduler may have moved them meanwhile.
    listed = await find_by_ids(db[d.WHEEL], ids, session=session)
    entries = [entry for doc in listed for entry in doc["alerts"]]
    wanted = list({entry["opportunity_id"] for entry in entries})
    copies = {doc["_id"]: doc for doc in await find_by_ids(db[d.OPPORTUNITIES], wanted, session=session)}
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
        await db[d.WHEEL].delete_many({"_id": {"$in": [doc["_id"] for doc in listed]}}, session=session)
    return len(alerts)

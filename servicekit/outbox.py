"""The transactional outbox: events are written in the same MongoDB transaction as the change
they describe, and a relay publishes them afterwards.

Rows are ``{_id: event id, subject, sequence, type, created_at, state, envelope, sent_at}``.
The relay publishes pending rows oldest first, keeping each subject's events in sequence
order, with publisher confirms, and marks a row sent only after its confirm. Sent rows are kept
for ``retention`` so a new consumer can be replayed from them.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from prometheus_client import Counter, Gauge
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from contracts.envelope import CloudEvent
from servicekit.bus import Publisher, connect, to_message
from servicekit.logs import get_logger
from servicekit.mongo import Document, Index

log = get_logger(__name__)

OUTBOX = "outbox"
LEASES = "outbox_relay_lease"
PENDING = "pending"
SENT = "sent"

OUTBOX_INDEXES = [
    Index(OUTBOX, [("state", 1), ("created_at", 1)], "outbox_state_created"),
    Index(OUTBOX, [("subject", 1), ("sequence", 1)], "outbox_subject_sequence"),
    Index(OUTBOX, [("sent_at", 1)], "outbox_sent_at", partial={"state": SENT}),
]

PUBLISHED = Counter("outbox_published_total", "Outbox events confirmed by the broker")
PENDING_ROWS = Gauge("outbox_pending", "Outbox events waiting for the relay (last batch seen)")


async def add_events(
    db: AsyncDatabase[Document], session: AsyncClientSession, events: Sequence[CloudEvent]
) -> None:
    """Write events inside the caller's transaction; they exist only if the change commits."""
    if not events:
        return
    rows = [
        {
            "_id": e.id,
            "subject": e.subject,
            "sequence": e.sequence,
            "type": e.type,
            "created_at": e.time,
            "state": PENDING,
            "envelope": e.model_dump(mode="json"),
        }
        for e in events
    ]
    await db[OUTBOX].insert_many(rows, session=session, ordered=True)


def order_by_subject(rows: list[Document]) -> list[Document]:
    """Keep the batch's overall order but put each subject's rows in sequence order, in the
    slots that subject already occupies (wall clocks can step back; sequences cannot)."""
    slots: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        slots[row["subject"]].append(i)
    ordered: list[Document] = list(rows)
    for positions in slots.values():
        in_sequence = sorted((rows[i] for i in positions), key=lambda r: r["sequence"])
        for position, row in zip(positions, in_sequence, strict=True):
            ordered[position] = row
    return ordered


def confirmed_prefix_ids(rows: Sequence[Document], confirmed: Sequence[bool]) -> list[str]:
    """Ids safe to mark sent: per subject, only those before its first unconfirmed event, so a
    subject's events never reach consumers with a gap that is later filled out of order."""
    blocked: set[str] = set()
    ids: list[str] = []
    for row, ok in zip(rows, confirmed, strict=True):
        if row["subject"] in blocked:
            continue
        if ok:
            ids.append(row["_id"])
        else:
            blocked.add(row["subject"])
    return ids


class OutboxRelay:
    """Publishes a service's outbox. Several relays may run; a lease lets one publish at a time."""

    def __init__(
        self,
        db: AsyncDatabase[Document],
        *,
        amqp_url: str,
        exchange: str,
        publish_timeout: float = 10.0,
        batch_size: int = 500,
        idle_interval: float = 0.05,
        lease_seconds: float = 10.0,
        retention: timedelta = timedelta(days=30),
        name: str = "outbox-relay",
    ) -> None:
        self._db = db
        self._amqp_url = amqp_url
        self._exchange = exchange
        self._publish_timeout = publish_timeout
        self._batch_size = batch_size
        self._idle_interval = idle_interval
        self._lease = timedelta(seconds=lease_seconds)
        self._retention = retention
        self._name = name
        self._owner = f"{socket.gethostname()}:{os.getpid()}:{id(self)}"
        self.connected = False

    async def run(self, stop: asyncio.Event) -> None:
        """Publish until ``stop`` is set; reconnect after any broker or database failure."""
        while not stop.is_set():
            try:
                await self._run_connected(stop)
            except Exception as exc:  # any failure: reconnect rather than die or hang
                log.warning("relay interrupted; reconnecting", error=repr(exc))
            finally:
                self.connected = False
            if not stop.is_set():
                await _pause(stop, 1.0)

    async def _run_connected(self, stop: asyncio.Event) -> None:
        connection = await connect(self._amqp_url, name=self._name)
        try:
            publisher = Publisher(connection, self._exchange, self._publish_timeout)
            await publisher.open()
            self.connected = True
            last_prune = datetime.min.replace(tzinfo=UTC)
            while not stop.is_set():
                if connection.is_closed:
                    raise ConnectionError("broker connection closed")
                if not await self._hold_lease():
                    await _pause(stop, self._lease.total_seconds() / 3)
                    continue
                published = await self.publish_pending(publisher)
                now = datetime.now(UTC)
                if now - last_prune > timedelta(minutes=5):
                    await self.prune(now)
                    last_prune = now
                if published < self._batch_size:
                    await _pause(stop, self._idle_interval)
        finally:
            await connection.close()

    async def publish_pending(self, publisher: Publisher) -> int:
        """Publish one batch of pending events; returns how many were confirmed."""
        cursor = (
            self._db[OUTBOX]
            .find({"state": PENDING}, {"envelope": 1, "subject": 1, "sequence": 1})
            .sort([("created_at", 1), ("sequence", 1)])
            .limit(self._batch_size)
        )
        rows = order_by_subject(await cursor.to_list(length=self._batch_size))
        PENDING_ROWS.set(len(rows))
        if not rows:
            return 0
        confirmed = await publisher.publish_batch([row["envelope"] for row in rows])
        ids = confirmed_prefix_ids(rows, confirmed)
        if ids:
            await self._db[OUTBOX].update_many(
                {"_id": {"$in": ids}}, {"$set": {"state": SENT, "sent_at": datetime.now(UTC)}}
            )
            PUBLISHED.inc(len(ids))
        if len(ids) < len(rows):
            raise ConnectionError(f"{len(rows) - len(ids)} events not confirmed by the broker")
        return len(ids)

    async def prune(self, now: datetime) -> int:
        result = await self._db[OUTBOX].delete_many(
            {"state": SENT, "sent_at": {"$lt": now - self._retention}}
        )
        return result.deleted_count

    async def _hold_lease(self) -> bool:
        now = datetime.now(UTC)
        try:
            await self._db[LEASES].update_one(
                {"_id": self._name, "$or": [{"owner": self._owner}, {"expires_at": {"$lt": now}}]},
                {"$set": {"owner": self._owner, "expires_at": now + self._lease}},
                upsert=True,
            )
        except DuplicateKeyError:
            return False  # another relay holds a live lease
        return True


async def replay_to_queue(
    db: AsyncDatabase[Document],
    publisher_channel_url: str,
    queue: str,
    *,
    types: Sequence[str] | None = None,
    since: datetime | None = None,
    batch_size: int = 1000,
) -> int:
    """Publish the retained events, oldest first, straight to one queue (through the default
    exchange), so a new or rebuilding consumer can catch up without disturbing the others."""
    query: dict[str, Any] = {}
    if types:
        query["type"] = {"$in": list(types)}
    if since:
        query["created_at"] = {"$gte": since}
    connection = await connect(publisher_channel_url, name="outbox-replay")
    count = 0
    try:
        channel = await connection.channel(publisher_confirms=True)
        batch: list[dict[str, Any]] = []
        cursor = db[OUTBOX].find(query, {"envelope": 1}).sort([("created_at", 1), ("sequence", 1)])
        async for row in cursor:
            batch.append(row["envelope"])
            if len(batch) >= batch_size:
                count += await _publish_direct(channel, queue, batch)
                batch = []
        if batch:
            count += await _publish_direct(channel, queue, batch)
    finally:
        await connection.close()
    return count


async def _publish_direct(channel: Any, queue: str, envelopes: list[dict[str, Any]]) -> int:
    await asyncio.gather(
        *(channel.default_exchange.publish(to_message(e), routing_key=queue) for e in envelopes)
    )
    return len(envelopes)


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)

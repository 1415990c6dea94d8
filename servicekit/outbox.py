"""The transactional outbox: events are written in the same MongoDB transaction as the change
they describe, and a relay publishes them afterwards.

Rows are immutable: ``{_id: event id, subject, sequence, type, created_at, correlation_id, body}``,
where ``body`` is the envelope already encoded as the message body: the relay sends it as it is,
without decoding and re-encoding every event (``envelope_of`` reads it back). The relay
follows the outbox's change stream, which yields committed rows in commit order, so each
subject's events leave in sequence order whatever the writers' clocks say. It publishes with
publisher confirms and, only after the broker confirmed a batch, records a checkpoint (the
stream's resume token) — one write per batch instead of one per row. After a restart it resumes
from the checkpoint; if the database no longer has that history, it re-publishes every row from
shortly before the checkpoint's time (duplicates are harmless: consumers de-duplicate).

The relay's progress is its checkpoint, not a state on each row, so rows need not go once
published. By default they stay: the outbox is then the service's permanent event log, from
which any consumer, however late, is replayed (``replay_to_queue``). A relay given a
``retention`` drops rows older than that. See docs/decisions/0002-outbox-relay.md and
0012-the-outbox-is-the-event-log.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from aio_pika.abc import AbstractChannel
from bson import Timestamp
from prometheus_client import Counter, Gauge
from pymongo.asynchronous.change_stream import AsyncChangeStream
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError, OperationFailure

from contracts.envelope import CloudEvent
from servicekit import tracing
from servicekit.bus import EventMessage, Publisher, connect, encode, publish_confirmed
from servicekit.logs import get_logger
from servicekit.mongo import Document, Index
from servicekit.reconnect import keep_connected, pause
from servicekit.stream_reader import StreamReader

log = get_logger(__name__)

OUTBOX = "outbox"
CHECKPOINTS = "outbox_relay_checkpoints"
LEASES = "outbox_relay_leases"

OUTBOX_INDEXES = [
    # The order a replay reads the whole log in (REPLAY_ORDER): mongod streams the log from the
    # index instead of sorting it in memory. Also serves the relay's catch-up scan and pruning.
    Index(OUTBOX, [("created_at", 1), ("sequence", 1)], "outbox_replay_order"),
    Index(OUTBOX, [("subject", 1), ("sequence", 1)], "outbox_subject_sequence"),
]

OUTBOX_RETIRED_INDEXES = [(OUTBOX, "outbox_created_at")]
"""Replaced by ``outbox_replay_order``, which starts with the same key."""

PUBLISHED = Counter("outbox_published_total", "Outbox events confirmed by the broker")
LAG = Gauge("outbox_relay_lag_seconds", "Age of the newest event the broker has confirmed, when confirmed")
UNPUBLISHED = Gauge(
    "outbox_unpublished_events", "Outbox rows written after the newest one the broker confirmed", ["relay"]
)
OLDEST_UNPUBLISHED = Gauge(
    "outbox_oldest_unpublished_age_seconds",
    "Age of the oldest unpublished outbox row (0 when none)",
    ["relay"],
)

# How far before the checkpoint a catch-up scan starts: covers transactions that were open (and
# so not yet in the stream) when the checkpoint was written. MongoDB ends transactions after 60 s.
CATCH_UP_MARGIN = timedelta(minutes=2)
IDLE_CHECKPOINT_EVERY = timedelta(seconds=5)
REPLAY_TIMEOUT_SECONDS = 60.0
REPLAY_ORDER = [("created_at", 1), ("sequence", 1)]


def outbox_row(event: CloudEvent) -> Document:
    row: Document = {
        "_id": event.id,
        "subject": event.subject,
        "sequence": event.sequence,
        "type": event.type,
        "created_at": event.time,
        "correlation_id": event.correlationid,
        "body": encode(event),
    }
    # The trace of the change that wrote the event, for the relay to hand on (tracing on only).
    if tracing.enabled and (traceparent := tracing.current_traceparent()):
        row["traceparent"] = traceparent
    return row


def row_body(row: Document) -> bytes:
    # Rows written before bodies were stored encoded hold the envelope as a document.
    return bytes(row["body"]) if "body" in row else encode(row["envelope"])


def envelope_of(row: Document) -> dict[str, Any]:
    """The event of an outbox row, as the JSON document consumers receive."""
    envelope: dict[str, Any] = json.loads(row_body(row))
    return envelope


def row_message(row: Document) -> EventMessage:
    return EventMessage(
        row_body(row), row["_id"], row["type"], row.get("correlation_id"), row.get("traceparent")
    )


async def add_events(
    db: AsyncDatabase[Document], session: AsyncClientSession, events: Sequence[CloudEvent]
) -> None:
    """Write events inside the caller's transaction; they exist only if the change commits."""
    if events:
        await db[OUTBOX].insert_many([outbox_row(e) for e in events], session=session, ordered=True)


def order_by_subject(rows: list[Document]) -> list[Document]:
    """Keep the batch's overall order but put each subject's rows in sequence order, in the
    slots that subject already occupies (used by the catch-up scan, which orders by clock)."""
    slots: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        slots[row["subject"]].append(i)
    ordered: list[Document] = list(rows)
    for positions in slots.values():
        in_sequence = sorted((rows[i] for i in positions), key=lambda r: r["sequence"])
        for position, row in zip(positions, in_sequence, strict=True):
            ordered[position] = row
    return ordered


def confirmed_prefix(confirmed: Sequence[bool]) -> int:
    """How many events, from the start of a batch, the broker confirmed without a gap."""
    for i, ok in enumerate(confirmed):
        if not ok:
            return i
    return len(confirmed)


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
        idle_wait_ms: int = 50,
        lease_seconds: float = 10.0,
        retention: timedelta | None = None,
        name: str = "outbox-relay",
        backlog_every_seconds: float = 5.0,
    ) -> None:
        self._db = db
        self._amqp_url = amqp_url
        self._exchange = exchange
        self._publish_timeout = publish_timeout
        self._batch_size = batch_size
        self._idle_wait_ms = idle_wait_ms
        self._lease = timedelta(seconds=lease_seconds)
        self._retention = retention
        self._name = name
        self._owner = f"{socket.gethostname()}:{os.getpid()}:{id(self)}"
        self._backlog_every = backlog_every_seconds
        self._connected = False
        self._confirmed_through: datetime | None = None
        self._scanned: set[str] = set()

    @property
    def connected(self) -> bool:
        """Whether the relay holds an open broker connection; the connection's close callback
        clears it at once, so an idle relay does not claim a broker it lost."""
        return self._connected

    async def run(self, stop: asyncio.Event) -> None:
        """Publish until ``stop`` is set; start over after any broker or database failure. The
        backlog gauges are kept up to date all along, published or not."""
        backlog = asyncio.ensure_future(self._watch_backlog(stop))
        try:
            await keep_connected(self._run_connected, what="outbox relay (broker, database)", stop=stop)
        finally:
            backlog.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await backlog

    async def _run_connected(self, stop: asyncio.Event) -> None:
        connection = await connect(self._amqp_url, name=self._name)
        lost = asyncio.Event()
        connection.close_callbacks.add(lambda *_: lost.set())
        try:
            publisher = Publisher(connection, self._exchange, self._publish_timeout)
            await publisher.open()
            self._connected = True
            relaying = asyncio.ensure_future(self._relay(publisher, stop))
            closed = asyncio.ensure_future(lost.wait())
            try:
                # A quiet relay publishes nothing: without this, a lost connection would be
                # noticed only by the next publish.
                await asyncio.wait({relaying, closed}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                closed.cancel()
                if not relaying.done():
                    relaying.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await relaying
            if relaying.done() and not relaying.cancelled():
                relaying.result()  # its error, if it failed
            if lost.is_set() and not stop.is_set():
                raise ConnectionError("the broker closed the relay's connection")
        finally:
            self._connected = False
            if not connection.is_closed:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(connection.close(), timeout=5)

    async def _relay(self, publisher: Publisher, stop: asyncio.Event) -> None:
        while not stop.is_set():
            if await self._hold_lease():
                await self._relay_while_leased(publisher, stop)
            else:
                await pause(stop, self._lease.total_seconds() / 3)

    async def _watch_backlog(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self._measure_backlog()
            except Exception as exc:  # the database is away: the mongodb probe says so
                log.warning("could not measure the outbox backlog", error=repr(exc)[:300])
            await pause(stop, self._backlog_every)

    async def _measure_backlog(self) -> None:
        """Rows written after the newest one the broker confirmed, and the oldest one's age.
        "After" by ``created_at``: a row committed after the checkpoint with an earlier clock
        may go uncounted for the moment it takes to publish."""
        checkpoint = await self._db[CHECKPOINTS].find_one({"_id": self._name}, {"event_time": 1}) or {}
        marks = [t for t in (checkpoint.get("event_time"), self._confirmed_through) if t is not None]
        query: Document = {"created_at": {"$gt": max(marks)}} if marks else {}
        count = await self._db[OUTBOX].count_documents(query)
        oldest = (
            await self._db[OUTBOX].find(query, {"created_at": 1}).sort("created_at", 1).limit(1).to_list()
        )
        age = (datetime.now(UTC) - oldest[0]["created_at"]).total_seconds() if oldest else 0.0
        UNPUBLISHED.labels(self._name).set(count)
        OLDEST_UNPUBLISHED.labels(self._name).set(max(0.0, age))

    async def _relay_while_leased(self, publisher: Publisher, stop: asyncio.Event) -> None:
        checkpoint = await self._db[CHECKPOINTS].find_one({"_id": self._name}) or {}
        # Ids a catch-up scan published: the stream may carry them again, and need not.
        self._scanned = set()
        stream = await self._resume(checkpoint, publisher)
        lease_renewed = datetime.now(UTC)
        idle_saved = datetime.min.replace(tzinfo=UTC)
        # The stream is read all along, also while the broker confirms a batch: a change goes out
        # as soon as it is read, and what came meanwhile goes out together in the next batch.
        reader = StreamReader(stream, ahead=self._batch_size)
        try:
            while not stop.is_set():
                changes, quiet = await reader.take(self._batch_size)
                if changes:
                    await self._publish_changes(publisher, changes)
                now = datetime.now(UTC)
                if (
                    not changes
                    and quiet is not None
                    and quiet.token
                    and quiet.token != checkpoint.get("token")
                    and now - idle_saved >= IDLE_CHECKPOINT_EVERY
                ):
                    # Keeps a quiet relay's resume point inside the oplog's window. Not more
                    # often: the checkpoint write is itself an oplog entry that moves the token.
                    await self._save_checkpoint(quiet.token, None)
                    checkpoint["token"] = quiet.token
                    idle_saved = now
                if now - lease_renewed > self._lease / 3:
                    if not await self._hold_lease():
                        return
                    if self._retention is not None:
                        await self.prune(now, self._retention)
                    lease_renewed = now
        finally:
            await reader.close()
            await stream.close()

    async def _resume(self, checkpoint: Document, publisher: Publisher) -> AsyncChangeStream[Document]:
        pipeline = [{"$match": {"operationType": "insert"}}]
        options: dict[str, Any] = {"batch_size": self._batch_size, "max_await_time_ms": self._idle_wait_ms}
        if token := checkpoint.get("token"):
            try:
                return await self._db[OUTBOX].watch(pipeline, resume_after=token, **options)
            except OperationFailure as exc:
                log.warning("checkpoint no longer resumable; catching up by scan", error=str(exc)[:200])
        # Open the stream first, then scan what came before it: nothing falls in between.
        started_at: Timestamp = (await self._db.command("ping"))["operationTime"]
        stream = await self._db[OUTBOX].watch(pipeline, start_at_operation_time=started_at, **options)
        since = checkpoint.get("event_time")
        await self._catch_up(publisher, since - CATCH_UP_MARGIN if since else None)
        return stream

    async def _catch_up(self, publisher: Publisher, since: datetime | None) -> None:
        query: Document = {"created_at": {"$gte": since}} if since else {}
        cursor = self._db[OUTBOX].find(query).sort(REPLAY_ORDER)
        batch: list[Document] = []
        async for row in cursor:
            batch.append(row)
            if len(batch) >= self._batch_size:
                await self._publish_rows(publisher, order_by_subject(batch))
                self._scanned.update(r["_id"] for r in batch)
                batch = []
        if batch:
            await self._publish_rows(publisher, order_by_subject(batch))
            self._scanned.update(r["_id"] for r in batch)

    async def _publish_changes(self, publisher: Publisher, changes: list[Document]) -> None:
        if self._scanned:
            changes = [c for c in changes if c["fullDocument"]["_id"] not in self._scanned]
            if not changes:
                return
        rows = [change["fullDocument"] for change in changes]
        confirmed = await self._publish_rows(publisher, rows, raise_on_gap=False)
        if confirmed:
            last = changes[confirmed - 1]
            await self._save_checkpoint(last["_id"], rows[confirmed - 1]["created_at"])
        if confirmed < len(rows):
            raise ConnectionError(f"{len(rows) - confirmed} events not confirmed by the broker")

    async def _publish_rows(
        self, publisher: Publisher, rows: list[Document], *, raise_on_gap: bool = True
    ) -> int:
        messages = [row_message(row) for row in rows]
        if tracing.enabled:
            confirmed = confirmed_prefix(await self._publish_traced(publisher, messages))
        else:
            confirmed = confirmed_prefix(await publisher.publish_batch(messages))
        PUBLISHED.inc(confirmed)
        if confirmed:
            newest: datetime = max(row["created_at"] for row in rows[:confirmed])
            LAG.set((datetime.now(UTC) - rows[confirmed - 1]["created_at"]).total_seconds())
            if self._confirmed_through is None or newest > self._confirmed_through:
                self._confirmed_through = newest
        if raise_on_gap and confirmed < len(rows):
            raise ConnectionError(f"{len(rows) - confirmed} events not confirmed by the broker")
        return confirmed

    async def _publish_traced(self, publisher: Publisher, messages: list[EventMessage]) -> list[bool]:
        """Publish each traced event under a producer span in its writer's trace; the message
        carries that span's context to the consumers."""
        spans = tracing.start_publish_spans(self._exchange, [m.traceparent for m in messages])
        messages = [
            replace(m, traceparent=tracing.traceparent_of(span)) if span else m
            for m, span in zip(messages, spans, strict=True)
        ]
        try:
            confirmed = await publisher.publish_batch(messages)
        except BaseException:
            tracing.end_publish_spans(spans, [False] * len(spans))
            raise
        tracing.end_publish_spans(spans, confirmed)
        return confirmed

    async def _save_checkpoint(self, token: Mapping[str, Any], event_time: datetime | None) -> None:
        update: Document = {"token": token, "saved_at": datetime.now(UTC)}
        if event_time is not None:
            update["event_time"] = event_time
        await self._db[CHECKPOINTS].update_one({"_id": self._name}, {"$set": update}, upsert=True)

    async def prune(self, now: datetime, retention: timedelta) -> int:
        """Drop rows older than ``retention``, but never one the relay may still need to publish;
        returns how many went. Only for an outbox that is not its service's event log."""
        checkpoint = await self._db[CHECKPOINTS].find_one({"_id": self._name}) or {}
        horizon = now - retention
        if event_time := checkpoint.get("event_time"):
            horizon = min(horizon, event_time - CATCH_UP_MARGIN)
            return (await self._db[OUTBOX].delete_many({"created_at": {"$lt": horizon}})).deleted_count
        return 0

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


def replay_query(types: Sequence[str] | None, since: datetime | None, until: datetime | None) -> Document:
    """The rows a replay publishes: of those types (all if None), created in [since, until]."""
    query: Document = {}
    if types:
        query["type"] = {"$in": list(types)}
    if since or until:
        query["created_at"] = {
            **({"$gte": since} if since else {}), **({"$lte": until} if until else {})
        }  # fmt: skip
    return query


async def replay_to_queue(
    db: AsyncDatabase[Document],
    amqp_url: str,
    queue: str,
    *,
    types: Sequence[str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    batch_size: int = 1000,
) -> int:
    """Publish the kept events, oldest first, straight to one queue (through the default
    exchange), so a new or rebuilding consumer can catch up without disturbing the others."""
    query = replay_query(types, since, until)
    connection = await connect(amqp_url, name="outbox-replay")
    count = 0
    try:
        channel = await connection.channel(publisher_confirms=True)
        batch: list[Document] = []
        # One cursor in index order: the driver fetches it a batch at a time, so a log of any
        # length is never held in memory, and mongod sorts nothing.
        cursor = db[OUTBOX].find(query, batch_size=batch_size).sort(REPLAY_ORDER)
        async for row in cursor:
            batch.append(row)
            if len(batch) >= batch_size:
                count += await _publish_direct(channel, queue, order_by_subject(batch))
                batch = []
        if batch:
            count += await _publish_direct(channel, queue, order_by_subject(batch))
    finally:
        await connection.close()
    return count


async def _publish_direct(channel: AbstractChannel, queue: str, rows: list[Document]) -> int:
    confirmed = await publish_confirmed(
        channel, "", [row_message(row) for row in rows], REPLAY_TIMEOUT_SECONDS, routing_key=queue
    )
    if not all(confirmed):
        raise ConnectionError(f"{confirmed.count(False)} replayed events not confirmed by the broker")
    return len(rows)

"""Live events for subscriptions: the gateway's own exclusive, auto-deleted queue on the events
exchange, fanned out in-process to every subscriber. Listeners (the catalogue cache) hear of every
event type bound, and of every (re)connection, after which events may have been missed.

A live feed is best-effort by nature (a subscriber that reconnects re-reads the state it shows),
so messages are auto-acknowledged and the queue disappears with the gateway. The connection is
plain and re-made from scratch when it drops, like the services' consumers.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from aio_pika.abc import AbstractIncomingMessage
from prometheus_client import Counter, Gauge
from pydantic import BaseModel, ValidationError

from contracts.envelope import CloudEvent
from contracts.registry import UnknownEventType, parse_event
from servicekit.bus import connect, declare_exchange
from servicekit.logs import get_logger
from servicekit.reconnect import keep_connected

log = get_logger(__name__)

LIVE_EVENTS = Counter("gateway_live_events_total", "Events received for subscriptions", ["type"])
SUBSCRIBERS = Gauge("gateway_subscribers", "Open subscriptions")
DROPPED = Counter("gateway_live_events_dropped_total", "Events a slow subscriber missed")
LIVE_FEED_CONNECTED = Gauge(
    "gateway_live_feed_connected", "1 while the live feed (subscriptions) is bound to the exchange, else 0"
)

SUBSCRIBER_BUFFER = 256
SUBSCRIBED_PREFIXES = ("opportunity.", "notification.")
"""Event types the subscriptions are fed: opportunity changes and new notifications."""


@dataclass(frozen=True)
class LiveEvent:
    envelope: CloudEvent
    payload: BaseModel


@dataclass(frozen=True)
class FeedListener:
    on_event: Callable[[str], None]
    """Called with each event's type."""
    on_gap: Callable[[], None]
    """Called when the feed connects or loses its connection: events may have been missed."""
    on_parsed: Callable[[LiveEvent], None] | None = None
    """Called with each event that could be read, whatever its type."""


class EventFeed:
    def __init__(self, amqp_url: str, exchange: str, bindings: tuple[str, ...] = ("opportunity.#",)) -> None:
        self._amqp_url = amqp_url
        self._exchange = exchange
        self._bindings = bindings
        self._listeners: list[FeedListener] = []
        self._subscribers: set[asyncio.Queue[LiveEvent]] = set()
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._connected = False

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    def listen(self, listener: FeedListener) -> None:
        self._listeners.append(listener)

    def _gap(self) -> None:
        for listener in self._listeners:
            listener.on_gap()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="gateway-event-feed")

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            self._task.cancel()
            # Bounded: a broker that does not answer the close must not hold the shutdown.
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(self._task, timeout=10)

    @contextlib.asynccontextmanager
    async def subscribe(self) -> AsyncIterator[asyncio.Queue[LiveEvent]]:
        queue: asyncio.Queue[LiveEvent] = asyncio.Queue(maxsize=SUBSCRIBER_BUFFER)
        self._subscribers.add(queue)
        SUBSCRIBERS.inc()
        try:
            yield queue
        finally:
            self._subscribers.discard(queue)
            SUBSCRIBERS.dec()

    @property
    def connected(self) -> bool:
        return self._connected

    def _set_connected(self, connected: bool) -> None:
        self._connected = connected
        LIVE_FEED_CONNECTED.set(1 if connected else 0)

    async def _run(self) -> None:
        await keep_connected(self._session, what="broker (live feed)", stop=self._stop)

    async def _session(self, _stop: asyncio.Event) -> None:
        try:
            await self._consume()
        finally:
            self._set_connected(False)
            self._gap()

    async def _consume(self) -> None:
        connection = await connect(self._amqp_url, name="gateway-live-feed")
        closed = asyncio.Event()
        connection.close_callbacks.add(lambda *_: closed.set())
        try:
            channel = await connection.channel()
            await channel.set_qos(prefetch_count=256)
            exchange = await declare_exchange(channel, self._exchange)
            queue = await channel.declare_queue("", exclusive=True, auto_delete=True)
            for key in self._bindings:
                await queue.bind(exchange, routing_key=key)
            await queue.consume(self._on_message, no_ack=True)
            self._gap()  # bound from here on: what listeners kept from before may be stale
            self._set_connected(True)
            log.info("live feed consuming", bindings=list(self._bindings))
            await closed.wait()
        finally:
            if not connection.is_closed:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(connection.close(), timeout=5)

    async def _on_message(self, message: AbstractIncomingMessage) -> None:
        for listener in self._listeners:
            listener.on_event(message.routing_key or "")
        try:
            envelope, payload = parse_event(message.body)
        except (ValidationError, UnknownEventType, ValueError):
            return  # the services' own consumers dead-letter what nobody can read
        event = LiveEvent(envelope, payload)
        for listener in self._listeners:
            if listener.on_parsed is not None:
                listener.on_parsed(event)
        if not (message.routing_key or "").startswith(SUBSCRIBED_PREFIXES):
            return  # the catalogue events are for the listeners only
        LIVE_EVENTS.labels(envelope.type).inc()
        for subscriber in list(self._subscribers):
            try:
                subscriber.put_nowait(event)
            except asyncio.QueueFull:
                DROPPED.inc()

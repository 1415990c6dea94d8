"""RabbitMQ through aio-pika: the publisher the outbox relay uses and the consumer loop every
event consumer runs.

Connections are plain (not "robust"): after a broker restart a robust connection can come back
with dead channels or lost consumers, so each loop here reconnects from scratch and re-declares
everything it needs. A delivery tag does not survive a reconnect; the broker redelivers instead,
which is why every consumer must be idempotent.
"""

from __future__ import annotations

import asyncio
import heapq
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import aio_pika
import aiormq.abc
from aio_pika.abc import (
    AbstractChannel,
    AbstractConnection,
    AbstractExchange,
    AbstractQueue,
)
from aiormq import spec
from aiormq.abc import DeliveredMessage
from prometheus_client import Counter
from pydantic import BaseModel, ValidationError

from contracts.envelope import CONTENT_TYPE, DEAD_LETTER_EXCHANGE, CloudEvent
from contracts.registry import UnknownEventType, parse_event
from servicekit import tracing
from servicekit.logs import correlation_id, get_logger
from servicekit.reconnect import Backoff, keep_connected

log = get_logger(__name__)

CONSUMED = Counter("events_consumed_total", "Events handled by a consumer", ["queue", "outcome"])


async def connect(url: str, *, name: str) -> AbstractConnection:
    return await aio_pika.connect(url, client_properties={"connection_name": name}, timeout=10)


async def declare_exchange(channel: AbstractChannel, name: str) -> AbstractExchange:
    return await channel.declare_exchange(name, aio_pika.ExchangeType.TOPIC, durable=True)


PERSISTENT = 2
"""AMQP delivery mode: the broker keeps the message on disk."""


def encode(event: CloudEvent | dict[str, Any]) -> bytes:
    body = event if isinstance(event, dict) else event.model_dump(mode="json")
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass(frozen=True, slots=True)
class EventMessage:
    """An event ready to publish: its encoded envelope and the properties consumers read
    (persistent; the type is also the routing key)."""

    body: bytes
    event_id: str
    event_type: str
    correlation_id: str | None = None
    traceparent: str | None = None
    """The W3C trace context the consumers continue (only while tracing is on)."""

    @classmethod
    def of(cls, envelope: dict[str, Any]) -> EventMessage:
        return cls(
            encode(envelope), envelope["id"], envelope["type"], envelope.get("correlationid"),
            tracing.current_traceparent(),
        )  # fmt: skip

    def properties(self) -> spec.Basic.Properties:
        headers: dict[str, Any] = {"x-correlation-id": self.correlation_id} if self.correlation_id else {}
        if self.traceparent:
            headers[tracing.TRACEPARENT] = self.traceparent
        return spec.Basic.Properties(
            content_type=CONTENT_TYPE,
            message_id=self.event_id,
            message_type=self.event_type,
            delivery_mode=PERSISTENT,
            headers=headers,
        )


def to_message(envelope: dict[str, Any]) -> aio_pika.Message:
    """The same message for aio-pika's own ``publish`` (tests and tools)."""
    message = EventMessage.of(envelope)
    properties = message.properties()
    return aio_pika.Message(
        body=message.body,
        content_type=properties.content_type,
        message_id=properties.message_id,
        type=properties.message_type,
        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
        headers=properties.headers,
    )


async def publish_confirmed(
    channel: AbstractChannel,
    exchange: str,
    messages: Sequence[EventMessage],
    timeout: float,
    *,
    routing_key: str | None = None,
) -> list[bool]:
    """Publish in order, routed by each message's type (or all to ``routing_key``), every message
    sent before the confirms are awaited; returns, per message, whether the broker confirmed it
    within ``timeout``. The channel must have publisher confirms on."""
    # Through the channel's own transport (aiormq): an aio-pika Message sets and guards a dozen
    # attributes one by one, which for the relay cost more than the rest of a publish.
    transport = await channel.get_underlay_channel()
    sent = [
        asyncio.ensure_future(
            transport.basic_publish(
                m.body, exchange=exchange, routing_key=routing_key or m.event_type, properties=m.properties()
            )
        )
        for m in messages
    ]
    # One deadline for the whole batch: a timer per message costs more than the publish.
    _, late = await asyncio.wait(sent, timeout=timeout)
    for task in late:
        task.cancel()
    return [task not in late and not task.cancelled() and task.exception() is None for task in sent]


class Publisher:
    """Publishes events to the exchange with publisher confirms, pipelined: one round trip
    covers a batch."""

    def __init__(self, connection: AbstractConnection, exchange: str, timeout: float) -> None:
        self._connection = connection
        self._exchange_name = exchange
        self._timeout = timeout
        self._channel: AbstractChannel | None = None

    async def open(self) -> None:
        channel = await self._connection.channel(publisher_confirms=True)
        await declare_exchange(channel, self._exchange_name)
        self._channel = channel

    async def publish_batch(self, messages: Sequence[EventMessage]) -> list[bool]:
        if self._channel is None:
            raise RuntimeError("Publisher.open() was not awaited")
        return await publish_confirmed(self._channel, self._exchange_name, messages, self._timeout)


Handler = Callable[[CloudEvent, BaseModel], Awaitable[None]]


@dataclass
class QueueSpec:
    """A durable quorum queue bound to routing keys, with its own dead-letter queue."""

    name: str
    bindings: Sequence[str]
    delivery_limit: int = 5
    prefetch: int = 64

    @property
    def dead_letter_queue(self) -> str:
        return f"{self.name}.dlq"

    def arguments(self) -> dict[str, Any]:
        return {
            "x-queue-type": "quorum",
            # RabbitMQ 3.x has no default limit: without it a poison message loops forever.
            "x-delivery-limit": self.delivery_limit,
            "x-dead-letter-exchange": DEAD_LETTER_EXCHANGE,
            "x-dead-letter-routing-key": self.name,
        }


async def declare_queue(channel: AbstractChannel, exchange: str, spec: QueueSpec) -> AbstractQueue:
    """Declare the exchange, the queue with its bindings, and the dead-letter queue."""
    events = await declare_exchange(channel, exchange)
    dlx = await channel.declare_exchange(DEAD_LETTER_EXCHANGE, aio_pika.ExchangeType.DIRECT, durable=True)
    dlq = await channel.declare_queue(
        spec.dead_letter_queue, durable=True, arguments={"x-queue-type": "quorum"}
    )
    await dlq.bind(dlx, routing_key=spec.name)
    queue = await channel.declare_queue(spec.name, durable=True, arguments=spec.arguments())
    for key in spec.bindings:
        await queue.bind(events, routing_key=key)
    return queue


@dataclass
class Consumer:
    """Consumes one queue with manual acks and hands each parsed event to ``handler``.

    - A message that is not a valid event of a known type is dead-lettered at once.
    - A handler error requeues the message; past the queue's delivery limit the broker
      dead-letters it.
    - Applied messages are acknowledged together (see ``AckWindow``).
    - If the connection drops, the loop reconnects and re-declares; unacked messages are
      redelivered by the broker.

    Deliveries are taken from aio-pika's underlying channel (aiormq): aio-pika wraps each one in
    a message object that sets and guards a dozen attributes and runs the callback in a task of
    its own, which cost about as much per event as the rest of the consumer.
    """

    amqp_url: str
    exchange: str
    spec: QueueSpec
    handler: Handler
    name: str = "consumer"
    reconnect_delay: float = 1.0
    """The first pause before reconnecting; longer ones follow while reconnecting fails."""
    consuming: bool = field(default=False, init=False)
    _connection: AbstractConnection | None = field(default=None, init=False)

    async def run(self, stop: asyncio.Event) -> None:
        await keep_connected(
            self._consume_until_closed, what=f"broker (queue {self.spec.name})", stop=stop,
            backoff=Backoff(first=self.reconnect_delay),
        )  # fmt: skip

    async def _consume_until_closed(self, stop: asyncio.Event) -> None:
        connection = await connect(self.amqp_url, name=f"{self.name}:{self.spec.name}")
        self._connection = connection
        closed = asyncio.Event()
        connection.close_callbacks.add(lambda *_: closed.set())
        try:
            channel = await connection.channel()
            await channel.set_qos(prefetch_count=self.spec.prefetch)
            await declare_queue(channel, self.exchange, self.spec)
            transport = await channel.get_underlay_channel()
            # One window per channel: a delivery tag means nothing on another channel.
            acks = AckWindow(transport)
            await transport.basic_consume(self.spec.name, partial(self._on_delivery, acks))
            self.consuming = True
            log.info("consuming", queue=self.spec.name)
            stopped = asyncio.ensure_future(stop.wait())
            lost = asyncio.ensure_future(closed.wait())
            # The broker may close the channel alone (a protocol error) and leave the connection
            # open: that must end this round too, or the consumer would wait for ever.
            channel_lost = transport.closing
            await asyncio.wait({stopped, lost, channel_lost}, return_when=asyncio.FIRST_COMPLETED)
            stopped.cancel()
            lost.cancel()
            if channel_lost.done():
                log.warning("consumer channel closed by the broker", queue=self.spec.name)
            else:
                channel_lost.cancel()
                if not closed.is_set():
                    await acks.drain()  # what is applied is acked before the connection goes
        finally:
            self.consuming = False
            if not connection.is_closed:
                await connection.close()

    async def _on_delivery(self, acks: AckWindow, message: DeliveredMessage) -> None:
        tag = message.delivery_tag
        if tag is None:  # a consumer is only ever handed deliveries, which carry one
            return
        acks.received(tag)
        try:
            envelope, payload = parse_event(message.body)
        except (ValidationError, UnknownEventType, ValueError) as exc:
            log.error("undecodable event dead-lettered", queue=self.spec.name, error=str(exc)[:500])
            CONSUMED.labels(self.spec.name, "rejected").inc()
            await acks.settle_alone(tag, message.channel.basic_reject(tag, requeue=False))
            return
        # Settled from a callback when the handler is done, and this delivery's task ends now: a
        # batching handler returns a future its batch resolves, and waiting on it here would cost
        # a task wake-up per event. The callback is added while this event's correlation id is
        # set, so it logs with it.
        token = correlation_id.set(envelope.correlationid)
        try:
            if tracing.enabled:
                handled = self._handling_traced(message, envelope, payload)
            else:
                handled = _handling(self.handler, envelope, payload)
            handled.add_done_callback(partial(self._settle_handled, acks, message.channel, tag, envelope.id))
        finally:
            correlation_id.reset(token)

    def _handling_traced(
        self, message: DeliveredMessage, envelope: CloudEvent, payload: BaseModel
    ) -> asyncio.Future[None]:
        """``_handling`` inside a consumer span that continues the trace the message carries."""
        span = tracing.start_process_span(
            self.spec.name, message.header.properties.headers,
            {"messaging.destination.name": self.spec.name, "messaging.message.id": envelope.id},
        )  # fmt: skip
        token = tracing.activate(span)
        try:
            handled = _handling(self.handler, envelope, payload)
        finally:
            tracing.deactivate(token)
        tracing.end_when_done(span, handled)
        return handled

    def _settle_handled(
        self, acks: AckWindow, channel: aiormq.abc.AbstractChannel, tag: int, event_id: str,
        handled: asyncio.Future[None],
    ) -> None:  # fmt: skip
        if handled.cancelled():
            return  # the consumer is stopping: left unsettled, the broker redelivers it
        if (error := handled.exception()) is None:
            CONSUMED.labels(self.spec.name, "applied").inc()
            acks.applied(tag)
            return
        log.error("handler failed; requeued", queue=self.spec.name, event_id=event_id, exc_info=error)
        CONSUMED.labels(self.spec.name, "failed").inc()
        acks.settle_alone_soon(tag, channel.basic_nack(tag, requeue=True))


def _handling(handler: Handler, envelope: CloudEvent, payload: BaseModel) -> asyncio.Future[None]:
    """What the handler hands back, as a future; one already failed if it raised instead."""
    try:
        return asyncio.ensure_future(handler(envelope, payload))
    except Exception as exc:
        failed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        failed.set_exception(exc)
        return failed


class AckWindow:
    """Acknowledges a channel's applied deliveries many at a time, with one
    ``basic.ack(multiple=True)`` for the delivery tag that ends a run of applied ones.

    A multiple ack settles every delivery of the channel up to its tag that is still unsettled,
    so it is sent only up to the first delivery that is not done yet (being handled, or failed
    and not yet nacked): a message is acked only after its effect is written, and a failing one
    is nacked (or rejected) on its own first. Its tag must be one still unsettled (the broker
    closes the channel on an unknown tag), so it is the last applied delivery of the run.
    Deliveries applied at the same moment (a batch) are acked once, after all of them: the ack
    is sent from a callback scheduled behind their wake-ups. A lost connection takes the window
    with it; what it had not acked is redelivered.
    """

    def __init__(self, channel: aiormq.abc.AbstractChannel) -> None:
        self._channel = channel
        self._unsettled: list[int] = []
        """Heap of the tags received and not yet settled (tags grow in delivery order)."""
        self._done: dict[int, bool] = {}
        """Tags done: True when applied (to ack), False when nacked or rejected on their own."""
        self._scheduled = False
        self._sending: set[asyncio.Task[Any]] = set()

    def received(self, tag: int) -> None:
        heapq.heappush(self._unsettled, tag)

    def applied(self, tag: int) -> None:
        self._done_with(tag, ack=True)

    async def settle_alone(self, tag: int, action: Awaitable[None]) -> None:
        """Nack or reject one delivery; only once that is sent may a multiple ack pass it."""
        if await _settle(action):
            self._done_with(tag, ack=False)
        # Else it was not sent: left unsettled, it keeps any ack from covering it (the channel is
        # going, and the broker will redeliver it).

    def settle_alone_soon(self, tag: int, action: Awaitable[None]) -> None:
        """``settle_alone`` from a callback: sent in a task of its own, which ``drain`` waits for."""
        task = asyncio.ensure_future(self.settle_alone(tag, action))
        self._sending.add(task)
        task.add_done_callback(self._sending.discard)

    async def drain(self) -> None:
        """Send the ack for what is applied now and wait until it is written."""
        self._flush()
        if self._sending:
            await asyncio.gather(*self._sending, return_exceptions=True)

    def _done_with(self, tag: int, *, ack: bool) -> None:
        self._done[tag] = ack
        if not self._scheduled:
            self._scheduled = True
            asyncio.get_running_loop().call_soon(self._flush)

    def _flush(self) -> None:
        self._scheduled = False
        last_applied = None
        while self._unsettled and self._unsettled[0] in self._done:
            tag = heapq.heappop(self._unsettled)
            if self._done.pop(tag):
                last_applied = tag
        if last_applied is not None:
            task = asyncio.ensure_future(_settle(self._channel.basic_ack(last_applied, multiple=True)))
            self._sending.add(task)
            task.add_done_callback(self._sending.discard)


async def _settle(action: Awaitable[None]) -> bool:
    # After a reconnect the delivery tag is void and settling raises; the broker redelivers the
    # message and the handler's idempotency guard makes the second delivery harmless.
    try:
        await action
    except (aio_pika.exceptions.AMQPError, RuntimeError, ConnectionError) as exc:
        log.warning("could not settle a delivery; it will be redelivered", error=repr(exc))
        return False
    return True

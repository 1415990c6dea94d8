"""RabbitMQ through aio-pika: the publisher the outbox relay uses and the consumer loop every
event consumer runs.

Connections are plain (not "robust"): after a broker restart a robust connection can come back
with dead channels or lost consumers, so each loop here reconnects from scratch and re-declares
everything it needs. A delivery tag does not survive a reconnect; the broker redelivers instead,
which is why every consumer must be idempotent.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import aio_pika
from aio_pika.abc import (
    AbstractChannel,
    AbstractConnection,
    AbstractExchange,
    AbstractIncomingMessage,
    AbstractQueue,
)
from prometheus_client import Counter
from pydantic import BaseModel, ValidationError

from contracts.envelope import CONTENT_TYPE, DEAD_LETTER_EXCHANGE, CloudEvent
from contracts.registry import UnknownEventType, parse_event
from servicekit.logs import correlation_id, get_logger

log = get_logger(__name__)

CONSUMED = Counter("events_consumed_total", "Events handled by a consumer", ["queue", "outcome"])


async def connect(url: str, *, name: str) -> AbstractConnection:
    return await aio_pika.connect(url, client_properties={"connection_name": name}, timeout=10)


async def declare_exchange(channel: AbstractChannel, name: str) -> AbstractExchange:
    return await channel.declare_exchange(name, aio_pika.ExchangeType.TOPIC, durable=True)


def encode(event: CloudEvent | dict[str, Any]) -> bytes:
    body = event if isinstance(event, dict) else event.model_dump(mode="json")
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()


def to_message(envelope: dict[str, Any]) -> aio_pika.Message:
    return event_message(
        encode(envelope), event_id=envelope["id"], event_type=envelope["type"],
        correlation=envelope.get("correlationid"),
    )  # fmt: skip


def event_message(
    body: bytes, *, event_id: str, event_type: str, correlation: str | None = None
) -> aio_pika.Message:
    """A persistent event message whose body is an already encoded envelope; its type is also
    the routing key."""
    return aio_pika.Message(
        body=body,
        content_type=CONTENT_TYPE,
        message_id=event_id,
        type=event_type,
        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
        headers={"x-correlation-id": correlation} if correlation else {},
    )


class Publisher:
    """Publishes event messages with publisher confirms, pipelined: every message of a batch is
    sent before the confirms are awaited, so one round trip covers the batch."""

    def __init__(self, connection: AbstractConnection, exchange: str, timeout: float) -> None:
        self._connection = connection
        self._exchange_name = exchange
        self._timeout = timeout
        self._exchange: AbstractExchange | None = None

    async def open(self) -> None:
        channel = await self._connection.channel(publisher_confirms=True)
        self._exchange = await declare_exchange(channel, self._exchange_name)

    async def publish_batch(self, messages: Sequence[aio_pika.Message]) -> list[bool]:
        """Publish in order, routed by each message's type; returns, per message, whether the
        broker confirmed it within the timeout."""
        if self._exchange is None:
            raise RuntimeError("Publisher.open() was not awaited")
        exchange = self._exchange
        # One deadline for the whole batch: a timer per message costs more than the publish.
        sent = [
            asyncio.ensure_future(exchange.publish(m, routing_key=m.type or "", mandatory=False))
            for m in messages
        ]
        _, late = await asyncio.wait(sent, timeout=self._timeout)
        for task in late:
            task.cancel()
        return [task not in late and not task.cancelled() and task.exception() is None for task in sent]


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
    - If the connection drops, the loop reconnects and re-declares; unacked messages are
      redelivered by the broker.
    """

    amqp_url: str
    exchange: str
    spec: QueueSpec
    handler: Handler
    name: str = "consumer"
    reconnect_delay: float = 1.0
    consuming: bool = field(default=False, init=False)
    _connection: AbstractConnection | None = field(default=None, init=False)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self._consume_until_closed(stop)
            except (aio_pika.exceptions.AMQPError, OSError, ConnectionError) as exc:
                log.warning("consumer connection lost", queue=self.spec.name, error=repr(exc))
            finally:
                self.consuming = False
            if not stop.is_set():
                await _sleep_unless(stop, self.reconnect_delay)

    async def _consume_until_closed(self, stop: asyncio.Event) -> None:
        connection = await connect(self.amqp_url, name=f"{self.name}:{self.spec.name}")
        self._connection = connection
        closed = asyncio.Event()
        connection.close_callbacks.add(lambda *_: closed.set())
        try:
            channel = await connection.channel()
            await channel.set_qos(prefetch_count=self.spec.prefetch)
            queue = await declare_queue(channel, self.exchange, self.spec)
            await queue.consume(self._on_message)
            self.consuming = True
            log.info("consuming", queue=self.spec.name)
            stopped = asyncio.ensure_future(stop.wait())
            lost = asyncio.ensure_future(closed.wait())
            await asyncio.wait({stopped, lost}, return_when=asyncio.FIRST_COMPLETED)
            stopped.cancel()
            lost.cancel()
        finally:
            self.consuming = False
            if not connection.is_closed:
                await connection.close()

    async def _on_message(self, message: AbstractIncomingMessage) -> None:
        try:
            envelope, payload = parse_event(message.body)
        except (ValidationError, UnknownEventType, ValueError) as exc:
            log.error("undecodable event dead-lettered", queue=self.spec.name, error=str(exc)[:500])
            CONSUMED.labels(self.spec.name, "rejected").inc()
            await message.reject(requeue=False)
            return
        token = correlation_id.set(envelope.correlationid)
        try:
            await self.handler(envelope, payload)
        except Exception:
            log.exception("handler failed; requeued", queue=self.spec.name, event_id=envelope.id)
            CONSUMED.labels(self.spec.name, "failed").inc()
            await _settle(message.nack(requeue=True))
        else:
            CONSUMED.labels(self.spec.name, "applied").inc()
            await _settle(message.ack())
        finally:
            correlation_id.reset(token)


async def _settle(action: Awaitable[None]) -> None:
    # After a reconnect the delivery tag is void and settling raises; the broker redelivers the
    # message and the handler's idempotency guard makes the second delivery harmless.
    try:
        await action
    except (aio_pika.exceptions.AMQPError, RuntimeError, ConnectionError) as exc:
        log.warning("could not settle a delivery; it will be redelivered", error=repr(exc))


async def _sleep_unless(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)

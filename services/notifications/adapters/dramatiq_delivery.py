"""Delivery through dramatiq on RabbitMQ.

Actors are declared by ``declare_actors`` on a broker passed in (never at import time), so each
process (and each test) sets up its broker first and chooses its queue name. Actors are async:
dramatiq's AsyncIO middleware runs them on one event-loop thread, where the worker's
``AsyncMongoClient`` is opened on first use and closed before that loop stops.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import dramatiq
from dramatiq.asyncio import get_event_loop_thread
from dramatiq.brokers.rabbitmq import RabbitmqBroker
from dramatiq.middleware import AsyncIO, Middleware
from opentelemetry.trace import SpanKind
from prometheus_client import Counter

from servicekit import tracing
from services.notifications.adapters.dramatiq_tracing import ContinueTrace
from services.notifications.application.delivery import Channels, deliver, delivery_exhausted
from services.notifications.application.ports import DeliveryRequest

DELIVER_ACTOR = "notifications.deliver"
EXHAUSTED_ACTOR = "notifications.delivery_exhausted"

DELIVERIES = Counter("notification_deliveries_total", "Delivery attempts by channel", ["channel", "outcome"])


@dataclass(frozen=True)
class DeliveryOptions:
    queue_name: str
    max_retries: int
    min_backoff_ms: int
    max_backoff_ms: int
    time_limit_ms: int


def make_broker(amqp_url: str) -> RabbitmqBroker:
    broker = RabbitmqBroker(url=amqp_url, confirm_delivery=True)
    broker.add_middleware(AsyncIO())
    if tracing.enabled:
        broker.add_middleware(ContinueTrace())
    return broker


def to_message(request: DeliveryRequest) -> dict[str, Any]:
    return {
        **request.__dict__,
        "opportunity_ids": list(request.opportunity_ids),
        "due_at": request.due_at.isoformat(),
        "created_at": request.created_at.isoformat(),
    }


def from_message(body: dict[str, Any]) -> DeliveryRequest:
    return DeliveryRequest(
        **{
            **body,
            "opportunity_ids": tuple(body["opportunity_ids"]),
            "due_at": datetime.fromisoformat(body["due_at"]),
            "created_at": datetime.fromisoformat(body["created_at"]),
        }
    )


ChannelsProvider = Callable[[], Awaitable[Channels]]


@dataclass(frozen=True)
class DeliveryActors:
    deliver: dramatiq.Actor[[dict[str, Any]], None]
    exhausted: dramatiq.Actor[[dict[str, Any], dict[str, Any]], None]


def declare_actors(
    broker: RabbitmqBroker, options: DeliveryOptions, channels: ChannelsProvider
) -> DeliveryActors:
    async def deliver_notification(body: dict[str, Any]) -> None:
        request = from_message(body)
        try:
            await deliver(request, await channels())
        except Exception:
            DELIVERIES.labels(request.channel, "failed").inc()
            raise
        DELIVERIES.labels(request.channel, "delivered").inc()

    async def mark_exhausted(message: dict[str, Any], retry_info: dict[str, Any]) -> None:
        body = message["args"][0]
        error = (message.get("options", {}).get("traceback") or "").strip().splitlines()[-1:] or ["unknown"]
        DELIVERIES.labels(body["channel"], "dead_lettered").inc()
        await delivery_exhausted(
            body["delivery_id"],
            f"gave up after {retry_info.get('retries', 0) + 1} attempts: {error[0]}"[:500],
            await channels(),
        )

    deliver_actor = dramatiq.actor(
        actor_name=DELIVER_ACTOR,
        broker=broker,
        queue_name=options.queue_name,
        time_limit=options.time_limit_ms,
        max_retries=options.max_retries,
        min_backoff=options.min_backoff_ms,
        max_backoff=options.max_backoff_ms,
        on_retry_exhausted=EXHAUSTED_ACTOR,
    )(deliver_notification)
    exhausted_actor = dramatiq.actor(
        actor_name=EXHAUSTED_ACTOR,
        broker=broker,
        queue_name=options.queue_name,
        time_limit=options.time_limit_ms,
        max_retries=20,
    )(mark_exhausted)
    return DeliveryActors(deliver=deliver_actor, exhausted=exhausted_actor)


class DramatiqDeliveryQueue:
    """The scheduler's side: sends delivery messages with publisher confirms, from one thread
    (pika connections belong to the thread that opened them). A connection the broker dropped
    while idle (missed heartbeats, dramatiq #321) is reopened by dramatiq's enqueue retries; if
    those run out the tick fails, and the claimed alerts are retaken when their lease ends."""

    def __init__(self, actors: DeliveryActors) -> None:
        self._actors = actors
        self._thread = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="dramatiq-send"
        )

    async def enqueue(self, requests: Sequence[DeliveryRequest]) -> None:
        messages = [to_message(r) for r in requests]
        if not tracing.enabled:
            await asyncio.get_running_loop().run_in_executor(self._thread, self._send_all, messages, None)
            return
        # The sending thread has no trace context: the span's goes with the messages.
        span = tracing.start_span(f"{self._actors.deliver.queue_name} publish", SpanKind.PRODUCER)
        try:
            await asyncio.get_running_loop().run_in_executor(
                self._thread, self._send_all, messages, tracing.traceparent_of(span)
            )
        except BaseException as exc:
            tracing.end_span(span, exc)
            raise
        tracing.end_span(span, None)

    def _send_all(self, messages: list[dict[str, Any]], traceparent: str | None) -> None:
        for message in messages:
            if traceparent is None:
                self._actors.deliver.send(message)
            else:
                self._actors.deliver.send_with_options(args=(message,), traceparent=traceparent)

    def close(self) -> None:
        """Stop the sending thread; the broker itself is closed by whoever opened it."""
        self._thread.shutdown(wait=True)


def worker_consuming(worker: dramatiq.Worker) -> bool:
    """Whether every queue of a started worker has a consumer with an open broker connection.
    Its consumer threads live on through a broker outage (dramatiq reconnects them itself), so
    their being alive says nothing about the broker."""
    threads = list(worker.consumers.values())
    return bool(threads) and all(thread.is_alive() and _connected(thread.consumer) for thread in threads)


def _connected(consumer: object) -> bool:
    # A consumer is made only once its connection is open; it keeps the connection object,
    # which says whether it is still open (read from another thread: a flag, no I/O).
    connection = getattr(consumer, "connection", None)
    return connection is not None and bool(connection.is_open)


class CloseOnShutdown(Middleware):
    """Runs ``close`` on the actors' event loop before dramatiq stops that loop."""

    def __init__(self, close: Callable[[], Awaitable[None]]) -> None:
        self._close = close

    def before_worker_shutdown(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        loop_thread = get_event_loop_thread()
        if loop_thread is not None:
            loop_thread.run_coroutine(self._close())

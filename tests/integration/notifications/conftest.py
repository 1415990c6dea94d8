"""A running notifications service for the tests: the real MongoDB wire server, RabbitMQ with
the consumer loop and an in-process dramatiq worker, a real SMTP server, and a manual clock."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, cast

import aio_pika
import dramatiq
import pytest
from dramatiq.brokers.rabbitmq import RabbitmqBroker

from contracts import CloudEvent
from servicekit.bus import CONSUMED, Consumer, declare_exchange, encode
from services.notifications import bootstrap
from services.notifications.adapters.clock import ManualClock
from services.notifications.adapters.documents import (
    ALERT_RECORDS,
    ALERTS,
    DELIVERIES,
    NOTIFICATIONS,
    OPPORTUNITIES,
)
from services.notifications.application.intake import EventHandler
from services.notifications.application.scheduling import Scheduler
from services.notifications.settings import NotificationSettings
from tests.conftest import Names, free_port
from tests.integration.notifications.factories import T0
from tests.support import waiting
from tests.support.mailbox import Mailbox, running_mailbox


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with running_mailbox(free_port()) as box:
        yield box


@dataclass
class WebhookReceiver:
    url: str
    calls: list[tuple[dict[str, str], bytes]] = field(default_factory=list)


@pytest.fixture
def webhook() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["content-length"]))
            receiver.calls.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/pipewise"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield receiver
    server.shutdown()
    server.server_close()


async def wait_until(predicate: Callable[[], Awaitable[bool] | bool], timeout: float = 15.0) -> None:
    await waiting.wait_until(predicate, timeout)


@dataclass
class Service:
    settings: NotificationSettings
    storage: bootstrap.Storage
    clock: ManualClock
    mailbox: Mailbox
    actors: bootstrap.DeliveryActors
    consumer: Consumer
    handler: EventHandler
    schedulers: list[Any] = field(default_factory=list)

    @property
    def db(self) -> Any:
        return self.storage.db

    async def publish(self, *events: CloudEvent) -> None:
        """Publish to the test's exchange and wait until the consumer has handled them all."""
        counter = CONSUMED.labels(self.consumer.spec.name, "applied")
        target = counter._value.get() + len(events)
        connection = await aio_pika.connect(self.settings.amqp_url)
        try:
            channel = await connection.channel(publisher_confirms=True)
            exchange = await declare_exchange(channel, self.settings.exchange)
            for event in events:
                body = encode(event)
                await exchange.publish(aio_pika.Message(body, delivery_mode=2), routing_key=event.type)
        finally:
            await connection.close()
        await wait_until(lambda: counter._value.get() >= target)

    def scheduler(self, owner: str = "scheduler-a") -> Scheduler:
        scheduler, queue = bootstrap.scheduler(self.storage, self.settings, self.actors, self.clock, owner)
        self.schedulers.append(queue)
        return scheduler

    async def inbox(self, user_id: str) -> list[dict[str, Any]]:
        return await self.db[NOTIFICATIONS].find({"user_id": user_id}).sort("created_at", 1).to_list()

    async def alerts(self, opportunity_id: str) -> dict[str, dict[str, Any]]:
        """The opportunity's alerts by kind, whatever their state: as its copy records them,
        with the schedule's document (lease and all) over the record of one still to come."""
        copy = await self.db[OPPORTUNITIES].find_one({"_id": opportunity_id}) or {}
        found = {kind: dict(record) for kind, record in (copy.get(ALERT_RECORDS) or {}).items()}
        for doc in await self.db[ALERTS].find({"opportunity_id": opportunity_id}).to_list():
            found[doc["kind"]] = {**found.get(doc["kind"], {}), **doc}
        return found

    async def deliveries(self, channel: str) -> list[dict[str, Any]]:
        return await self.db[DELIVERIES].find({"channel": channel}).to_list()

    async def wait_for_inbox(self, user_id: str, count: int) -> list[dict[str, Any]]:
        await wait_until(lambda: self._has(user_id, count))
        return await self.inbox(user_id)

    async def _has(self, user_id: str, count: int) -> bool:
        return len(await self.inbox(user_id)) >= count

    async def settle(self) -> None:
        """Wait until the delivery workers have finished everything handed to them."""
        broker = cast(RabbitmqBroker, self.actors.deliver.broker)
        queue = self.actors.deliver.queue_name
        await asyncio.to_thread(lambda: broker.join(queue, min_successes=3, timeout=20_000))


def make_settings(
    names: Names, mongodb_url: str, amqp_url: str, smtp_port: int, **overrides: Any
) -> NotificationSettings:
    values: dict[str, Any] = {
        "mongodb_url": mongodb_url,
        "amqp_url": amqp_url,
        "database": names.db("notifications"),
        "exchange": names.exchange,
        "queue_prefix": names.queue_prefix,
        "smtp_port": smtp_port,
        "assignment_digest_seconds": 5,
        "delivery_max_retries": 2,
        "delivery_min_backoff_ms": 50,
        "delivery_max_backoff_ms": 200,
        "late_after_seconds": 300,
        **overrides,
    }
    return NotificationSettings(**values)


@pytest.fixture
def service_overrides() -> dict[str, Any]:
    """Per-module settings overrides (a module redefines this fixture)."""
    return {}


@pytest.fixture
async def service(
    names: Names, mongodb_url: str, amqp_url: str, mailbox: Mailbox, service_overrides: dict[str, Any]
) -> AsyncIterator[Service]:
    settings = make_settings(names, mongodb_url, amqp_url, mailbox.port, **service_overrides)
    clock = ManualClock(T0)
    storage = await bootstrap.open_storage(settings)
    actors, _ = bootstrap.delivery_broker(settings, bootstrap.WorkerResources(settings, clock))
    broker = actors.deliver.broker
    worker = dramatiq.Worker(broker, worker_threads=2, worker_timeout=100)
    worker.start()
    batching, handler = bootstrap.consumer_handler(storage, settings, clock)
    consumer = Consumer(
        settings.amqp_url, settings.exchange, bootstrap.event_queue(settings), batching,
        name=f"notifications-{names.token}", reconnect_delay=0.2,
    )  # fmt: skip
    stop = asyncio.Event()
    task = asyncio.create_task(consumer.run(stop))
    await wait_until(lambda: consumer.consuming, timeout=10)
    svc = Service(settings, storage, clock, mailbox, actors, consumer, handler)
    try:
        yield svc
    finally:
        stop.set()
        await task
        await handler.close()
        for queue in svc.schedulers:
            await asyncio.to_thread(queue.close)
        await asyncio.to_thread(worker.stop)
        await asyncio.to_thread(broker.close)
        await storage.client.drop_database(settings.database)
        await storage.close()
        await _delete_queues(settings.amqp_url, names.queue_prefix, settings)


async def _delete_queues(amqp_url: str, prefix: str, settings: NotificationSettings) -> None:
    delivery = f"{prefix}{settings.delivery_queue}"
    events = bootstrap.event_queue(settings).name
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel()
        for queue in (events, f"{events}.dlq", delivery, f"{delivery}.DQ", f"{delivery}.XQ"):
            await channel.queue_delete(queue)
        await channel.exchange_delete(settings.exchange)
    finally:
        await connection.close()

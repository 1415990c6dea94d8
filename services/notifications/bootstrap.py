"""The one place that wires adapters into use cases, for every process of the service."""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

import dramatiq
from pydantic import BaseModel
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import ConnectionFailure

from contracts.envelope import CloudEvent
from servicekit import startup
from servicekit.batching import BatchingHandler
from servicekit.bus import QueueSpec
from servicekit.mongo import Document, ensure_indexes, open_client
from servicekit.reconnect import retry
from services.notifications.adapters.alert_layout import migrate_alerts, move_listed_alerts
from services.notifications.adapters.announcer import BusAnnouncer
from services.notifications.adapters.clock import SystemClock
from services.notifications.adapters.delivery_log import MongoDeliveryLog
from services.notifications.adapters.documents import INDEXES, RETIRED_INDEXES
from services.notifications.adapters.dramatiq_delivery import (
    CloseOnShutdown,
    DeliveryActors,
    DeliveryOptions,
    DramatiqDeliveryQueue,
    declare_actors,
    make_broker,
)
from services.notifications.adapters.inbox_repo import MongoInbox
from services.notifications.adapters.mongo_intake import MongoIntakeStore
from services.notifications.adapters.mongo_reads import MongoScheduleReader
from services.notifications.adapters.mongo_schedule import MongoSchedule
from services.notifications.adapters.policy_repo import PolicyRepository
from services.notifications.adapters.replan_requests import MongoReplanRequests
from services.notifications.adapters.smtp import SmtpMailer
from services.notifications.adapters.webhook import HttpWebhook
from services.notifications.application.alerts import AlertUseCases
from services.notifications.application.delivery import Channels
from services.notifications.application.inbox import InboxUseCases
from services.notifications.application.intake import EventHandler
from services.notifications.application.ports import Clock
from services.notifications.application.scheduling import Scheduler, SchedulerConfig
from services.notifications.domain.model import AlertPolicy
from services.notifications.settings import NotificationSettings

EVENT_BINDINGS = ("opportunity.#", "pipeline.#", "user.#", "activity.#")


def policy_defaults(settings: NotificationSettings) -> AlertPolicy:
    return AlertPolicy(
        timezone=settings.org_timezone,
        alert_hour=settings.alert_hour,
        overdue_reminder_days=settings.overdue_reminder_days,
        default_alert_days_before_close=settings.default_alert_days_before_close,
        notify_manager=settings.notify_manager,
        notify_admins=settings.notify_admins,
    )


@dataclass(frozen=True)
class Storage:
    client: AsyncMongoClient[Document]
    db: AsyncDatabase[Document]
    policies: PolicyRepository

    async def close(self) -> None:
        await self.client.close()


async def prepare_indexes(db: AsyncDatabase[Document]) -> None:
    """Create the declared indexes, then drop those earlier versions declared."""
    await ensure_indexes(db, INDEXES, RETIRED_INDEXES)


async def open_storage(settings: NotificationSettings, stop: asyncio.Event | None = None) -> Storage:
    """Connect, create the declared indexes and move alerts stored by an earlier version, retried
    until the database answers (or ``stop`` is set: ``reconnect.Stopped``); call from a lifespan
    or ``main()``."""
    client = open_client(settings.mongodb_url)
    db = client[settings.database]

    async def prepare() -> None:
        async with startup.step("indexes"):
            await prepare_indexes(db)
        async with startup.step("alert layout"):
            await migrate_alerts(client, db)
            await move_listed_alerts(client, db)

    try:
        await retry(prepare, what="mongodb", stop=stop)
    except BaseException:
        await client.close()
        raise
    return Storage(client, db, PolicyRepository(db, policy_defaults(settings)))


def event_queue(settings: NotificationSettings) -> QueueSpec:
    return QueueSpec(
        name=f"{settings.queue_prefix}notifications.events",
        bindings=list(EVENT_BINDINGS),
        prefetch=settings.intake_prefetch,
    )


def event_handler(
    storage: Storage, settings: NotificationSettings, clock: Clock | None = None
) -> EventHandler:
    clock = clock or SystemClock()
    return EventHandler(
        MongoIntakeStore(storage.client, storage.db, storage.policies, clock),
        clock,
        assignment_digest=timedelta(seconds=settings.assignment_digest_seconds),
        replan_chunk=settings.pipeline_replan_chunk,
    )


def consumer_handler(
    storage: Storage, settings: NotificationSettings, clock: Clock | None = None
) -> tuple[BatchingHandler[BaseModel], EventHandler]:
    """What the consumer loop calls (concurrent deliveries are applied in shared
    transactions), and the handler behind it (for start-up and shutdown)."""
    handler = event_handler(storage, settings, clock)
    return batching(handler.apply, settings), handler


def batching(
    apply: Callable[[Sequence[tuple[CloudEvent, BaseModel]]], Awaitable[None]],
    settings: NotificationSettings,
) -> BatchingHandler[BaseModel]:
    """Deliveries handed to ``apply`` in batches, as the settings size them."""
    return BatchingHandler(
        apply,
        max_batch=settings.intake_batch_size,
        max_gather=settings.intake_gather_seconds,
        burst_batch=settings.intake_burst_batch,
        unavailable=lambda exc: isinstance(exc, ConnectionFailure),
    )


def delivery_options(settings: NotificationSettings) -> DeliveryOptions:
    return DeliveryOptions(
        queue_name=f"{settings.queue_prefix}{settings.delivery_queue}",
        max_retries=settings.delivery_max_retries,
        min_backoff_ms=settings.delivery_min_backoff_ms,
        max_backoff_ms=settings.delivery_max_backoff_ms,
        time_limit_ms=settings.delivery_time_limit_ms,
    )


def scheduler(
    storage: Storage, settings: NotificationSettings, actors: DeliveryActors, clock: Clock | None = None,
    owner: str | None = None,
) -> tuple[Scheduler, DramatiqDeliveryQueue]:  # fmt: skip
    queue = DramatiqDeliveryQueue(actors)
    config = SchedulerConfig(
        owner=owner or f"{socket.gethostname()}:{os.getpid()}",
        lease=timedelta(seconds=settings.lease_seconds),
        late_after=timedelta(seconds=settings.late_after_seconds),
        batch_size=settings.scheduler_batch_size,
        webhook_enabled=settings.webhook_url is not None,
    )
    return Scheduler(
        MongoSchedule(storage.client, storage.db, storage.policies), queue, clock or SystemClock(), config
    ), queue


def api_use_cases(storage: Storage, clock: Clock) -> tuple[InboxUseCases, AlertUseCases]:
    """The use cases behind the GraphQL API (built per request: they hold no state)."""
    db = storage.db
    deliveries = MongoDeliveryLog(db)
    return (
        InboxUseCases(MongoInbox(db), deliveries, clock),
        AlertUseCases(MongoScheduleReader(db), storage.policies, deliveries, MongoReplanRequests(db)),
    )


class WorkerResources:
    """What the delivery actors use, opened on first use inside dramatiq's event loop (an
    ``AsyncMongoClient`` belongs to the loop that made it)."""

    def __init__(self, settings: NotificationSettings, clock: Clock | None = None) -> None:
        self._settings = settings
        self._clock = clock or SystemClock()
        self._client: AsyncMongoClient[Document] | None = None
        self._announcer = BusAnnouncer(settings.amqp_url, settings.exchange)
        self._channels: Channels | None = None
        self._opening: asyncio.Future[Channels] | None = None

    async def channels(self) -> Channels:
        if self._channels is None:
            # Several actors can ask at once on the loop: only the first opens the client.
            self._opening = self._opening or asyncio.ensure_future(self._open())
            try:
                self._channels = await self._opening
            except Exception:
                # The database is away: this delivery is retried by dramatiq, and the next one
                # opens afresh instead of failing on this attempt for ever.
                self._opening = None
                raise
        return self._channels

    async def _open(self) -> Channels:
        s = self._settings
        client = open_client(s.mongodb_url)
        db = client[s.database]
        try:
            await prepare_indexes(db)
        except BaseException:
            await client.close()
            raise
        self._client = client
        webhook = (
            HttpWebhook(s.webhook_url, s.webhook_secret.get_secret_value(), s.webhook_timeout_seconds)
            if s.webhook_url
            else None
        )
        return Channels(
            inbox=MongoInbox(db),
            log=MongoDeliveryLog(db),
            mailer=SmtpMailer(s.smtp_host, s.smtp_port, s.mail_from, s.smtp_timeout_seconds),
            webhook=webhook,
            clock=self._clock,
            announcer=self._announcer,
        )

    async def close(self) -> None:
        await self._announcer.close()
        if self._client is not None:
            await self._client.close()
        self._client = None
        self._channels = None
        self._opening = None


def delivery_broker(
    settings: NotificationSettings, resources: WorkerResources | None = None
) -> tuple[DeliveryActors, WorkerResources]:
    """A broker with the delivery actors declared on it. Producers (the scheduler) and workers
    both call it; only workers ever open the resources."""
    resources = resources or WorkerResources(settings)
    broker = make_broker(settings.amqp_url)
    broker.add_middleware(CloseOnShutdown(resources.close))
    # The global broker is set before any actor exists (ours name theirs explicitly anyway).
    dramatiq.set_broker(broker)
    return declare_actors(broker, delivery_options(settings), resources.channels), resources

"""The one place that wires adapters into use cases."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import BaseModel
from pymongo import AsyncMongoClient
from pymongo.errors import ConnectionFailure

from contracts.envelope import CloudEvent
from servicekit import startup
from servicekit.batching import BatchingHandler
from servicekit.bus import QueueSpec
from servicekit.mongo import Document
from services.reporting.adapters.exchange_rate_repository import MongoExchangeRates
from services.reporting.adapters.policy_repository import MongoPolicyRepository
from services.reporting.adapters.projection_store import MongoProjectionStore
from services.reporting.adapters.rebuild_jobs import MongoRebuildJobs
from services.reporting.adapters.report_reader import MongoReportReader
from services.reporting.application.policies import PolicyTerms
from services.reporting.application.ports import Clock
from services.reporting.application.project_events import project_events
from services.reporting.application.reports import Reports
from services.reporting.domain.money import Conversion
from services.reporting.domain.policy import CreditRule
from services.reporting.settings import ReportingSettings

EventHandler = Callable[[CloudEvent, BaseModel], Awaitable[None]]

BINDINGS = ("opportunity.#", "pipeline.#", "source.#", "user.#")
"""Every event reports use; ``opportunity.#`` also takes new opportunity types such as
``opportunity.assigned`` as soon as the opportunity service publishes them."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def policy_defaults(settings: ReportingSettings) -> PolicyTerms:
    return PolicyTerms(
        settings.default_base_reward,
        settings.default_new_customer_bonus,
        settings.default_new_product_bonus,
        CreditRule.OWNER_AT_CLOSE,
    )


@dataclass(frozen=True)
class Services:
    reports: Reports
    policies: MongoPolicyRepository
    policy_defaults: PolicyTerms
    clock: Clock
    rates: MongoExchangeRates
    reporting_currency: str | None
    rebuild_jobs: MongoRebuildJobs


def build_services(
    settings: ReportingSettings, client: AsyncMongoClient[Document], clock: Clock = utc_now
) -> Services:
    db = client[settings.database]
    policies = MongoPolicyRepository(db)
    conversion = Conversion(settings.reporting_currency, settings.fx_rates)
    defaults = policy_defaults(settings)
    rates = MongoExchangeRates(db)
    reports = Reports(
        MongoReportReader(db, settings.read_cache_seconds), policies, defaults, conversion, clock, rates
    )
    return Services(
        reports, policies, defaults, clock, rates, settings.reporting_currency, MongoRebuildJobs(db)
    )


def queue_spec(settings: ReportingSettings, name: str | None = None) -> QueueSpec:
    return QueueSpec(name or settings.queue_name, BINDINGS, prefetch=settings.consumer_prefetch)


def batching_projection(
    settings: ReportingSettings, store: MongoProjectionStore
) -> BatchingHandler[BaseModel | None]:
    """The handler a consumer calls for each event: the events it receives together are applied
    as one batch."""
    return BatchingHandler(
        lambda events: project_events(store, events),
        max_batch=settings.projection_batch_size,
        max_gather=settings.projection_gather_seconds,
        unavailable=lambda exc: isinstance(exc, ConnectionFailure),
    )


async def build_projection(
    settings: ReportingSettings, client: AsyncMongoClient[Document]
) -> tuple[MongoProjectionStore, EventHandler]:
    """The store (with its indexes made) and the handler the consumer calls for each event."""
    store = MongoProjectionStore(client, settings.database)
    async with startup.step("indexes and rollup layout"):
        await store.prepare()
    return store, batching_projection(settings, store)

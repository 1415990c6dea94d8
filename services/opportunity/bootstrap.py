"""The one place that wires adapters into the use cases' ports."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document, ensure_indexes
from services.opportunity.adapters.catalog_repositories import MongoPipelines, MongoSources, MongoUsers
from services.opportunity.adapters.indexes import ALL_INDEXES
from services.opportunity.adapters.opportunity_repository import MongoOpportunities
from services.opportunity.application.ports import Ports
from services.opportunity.application.seed import seed_default_pipeline
from services.opportunity.settings import OpportunitySettings


def utc_now() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Wiring:
    settings: OpportunitySettings
    client: AsyncMongoClient[Document]
    db: AsyncDatabase[Document]
    ports: Ports


def wire(settings: OpportunitySettings, client: AsyncMongoClient[Document]) -> Wiring:
    db = client[settings.database]
    ports = Ports(
        opportunities=MongoOpportunities(client, db),
        pipelines=MongoPipelines(client, db),
        users=MongoUsers(client, db),
        sources=MongoSources(client, db),
        clock=utc_now,
        new_id=new_id,
    )
    return Wiring(settings, client, db, ports)


async def prepare(wiring: Wiring) -> None:
    """Start-up work: every declared index, then the default pipeline (once)."""
    await ensure_indexes(wiring.db, ALL_INDEXES)
    if wiring.settings.seed_default_pipeline:
        await seed_default_pipeline(wiring.ports)

"""The one place that wires adapters into the use cases' ports."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from servicekit import startup
from servicekit.mongo import Document, ensure_indexes
from servicekit.outbox import OUTBOX_RETIRED_INDEXES
from services.opportunity.adapters.account_store import (
    ACCOUNT_INDEXES,
    ACCOUNT_RETIRED_INDEXES,
    MongoAccounts,
)
from services.opportunity.adapters.assignment_store import ASSIGNMENT_INDEXES, MongoAssignments
from services.opportunity.adapters.attachment_store import ATTACHMENT_INDEXES, GridFsAttachments
from services.opportunity.adapters.background import AsyncioBackground
from services.opportunity.adapters.catalog_repositories import MongoPipelines, MongoSources, MongoUsers
from services.opportunity.adapters.event_archive import OutboxArchive
from services.opportunity.adapters.evidence_store import EVIDENCE_INDEXES, MongoEvidence
from services.opportunity.adapters.import_store import IMPORT_INDEXES, MongoImports
from services.opportunity.adapters.indexes import ALL_INDEXES
from services.opportunity.adapters.opportunity_repository import MongoOpportunities
from services.opportunity.adapters.product_store import MongoProducts
from services.opportunity.application.evidence import EvidenceGate
from services.opportunity.application.ports import Ports
from services.opportunity.application.seed import seed_default_pipeline
from services.opportunity.application.work_ports import WorkPorts
from services.opportunity.domain.attachments import AttachmentPolicy
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
    work: WorkPorts


def wire(settings: OpportunitySettings, client: AsyncMongoClient[Document]) -> Wiring:
    db = client[settings.database]
    ports = Ports(
        opportunities=MongoOpportunities(client, db),
        pipelines=MongoPipelines(client, db),
        users=MongoUsers(client, db),
        sources=MongoSources(client, db),
        products=MongoProducts(client, db),
        clock=utc_now,
        new_id=new_id,
    )
    work = wire_work(settings, client, db)
    ports = replace(
        ports,
        evidence_gate=EvidenceGate(work),
        event_archive=OutboxArchive(db, settings.amqp_url, work.background),
        accounts=work.accounts,
    )
    return Wiring(settings, client, db, ports, work)


async def prepare(wiring: Wiring) -> None:
    """Start-up work: every declared index, then the default pipeline (once)."""
    async with startup.step("indexes"):
        await ensure_indexes(wiring.db, ALL_INDEXES, OUTBOX_RETIRED_INDEXES)
        await ensure_indexes(wiring.db, WORK_INDEXES, ACCOUNT_RETIRED_INDEXES)
    if wiring.settings.seed_default_pipeline:
        async with startup.step("default pipeline"):
            await seed_default_pipeline(wiring.ports)


# ---- assignment, imports, handover and evidence ------------------------------------------

WORK_INDEXES = [
    *ASSIGNMENT_INDEXES, *EVIDENCE_INDEXES, *ATTACHMENT_INDEXES, *IMPORT_INDEXES, *ACCOUNT_INDEXES,
]  # fmt: skip


def wire_work(
    settings: OpportunitySettings, client: AsyncMongoClient[Document], db: AsyncDatabase[Document]
) -> WorkPorts:
    evidence = MongoEvidence(client, db)
    policy = AttachmentPolicy(
        max_bytes=settings.attachment_max_bytes,
        max_files_per_activity=settings.attachment_max_files_per_activity,
        allowed_types=settings.attachment_allowed_types,
    )
    return WorkPorts(
        assignments=MongoAssignments(client, db),
        evidence=evidence,
        attachments=GridFsAttachments(client, db, evidence),
        attachment_policy=policy,
        imports=MongoImports(client, db),
        background=AsyncioBackground(),
        accounts=MongoAccounts(client, db),
        import_max_rows=settings.import_max_rows,
    )

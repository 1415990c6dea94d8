"""Ports of assignment, imports, handover and evidence, beside the core ``Ports``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from pymongo.asynchronous.client_session import AsyncClientSession

from contracts.envelope import CloudEvent
from services.opportunity.application.account_ports import AccountStore, Changes
from services.opportunity.application.assignment_ports import AssignmentStore, OwnerChange
from services.opportunity.domain.attachments import AttachmentPolicy, CheckedFile
from services.opportunity.domain.column_mapping import ImportField
from services.opportunity.domain.evidence import Activity, EvidenceRequirement
from services.opportunity.domain.imports import ImportRow
from services.opportunity.domain.opportunity import Opportunity


class EvidenceStore(Protocol):
    async def get(self, activity_id: str) -> Activity | None: ...

    async def of_opportunity(self, opportunity_id: str, stage_key: str | None = None) -> list[Activity]: ...

    async def of_opportunities(self, opportunity_ids: Sequence[str]) -> dict[str, list[Activity]]: ...

    async def add(self, activity: Activity, events: Sequence[CloudEvent]) -> None: ...

    async def append_revision(self, activity: Activity, events: Sequence[CloudEvent]) -> None: ...

    async def requirements(self, pipeline_id: str, stage_key: str) -> list[EvidenceRequirement]: ...

    async def rules_of_pipeline(self, pipeline_id: str) -> dict[str, list[EvidenceRequirement]]: ...

    async def set_requirements(
        self,
        pipeline_id: str,
        stage_key: str,
        requirements: Sequence[EvidenceRequirement],
        by: str,
        now: datetime,
    ) -> None: ...

    async def attach(
        self, session: AsyncClientSession, activity_id: str, attachment_id: str, content_type: str, limit: int
    ) -> bool: ...


@dataclass(frozen=True)
class StoredFile:
    """A file kept for an activity (or, with ``contact_id``, a contact's business-card photo,
    whose activity and opportunity are empty), as described beside its bytes."""

    id: str
    activity_id: str
    opportunity_id: str
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime
    uploaded_by: str
    contact_id: str | None = None


class AttachmentStore(Protocol):
    async def store(
        self, *, attachment_id: str, activity_id: str, opportunity_id: str, file: CheckedFile, data: bytes,
        by: str, now: datetime, limit: int, events: Sequence[CloudEvent],
    ) -> StoredFile: ...  # fmt: skip

    async def store_card_photo(
        self,
        *,
        attachment_id: str,
        contact_id: str,
        file: CheckedFile,
        data: bytes,
        by: str,
        now: datetime,
        link: Callable[[AsyncClientSession], Awaitable[None]],
    ) -> StoredFile:
        """Keep the bytes, then in one transaction mark them stored and run ``link`` (which
        points the contact at them); if that fails the bytes are deleted again."""
        ...  # fmt: skip

    async def get(self, attachment_id: str) -> StoredFile | None: ...

    async def of_activities(self, activity_ids: Sequence[str]) -> Sequence[StoredFile]: ...

    def chunks(self, attachment_id: str) -> AsyncIterator[bytes]: ...


class ImportStore(Protocol):
    async def open_duplicates(self, keys: Sequence[str]) -> dict[str, str]: ...

    async def save_file(self, job_id: str, filename: str, data: bytes) -> None: ...

    async def saved_mapping(self, source_id: str) -> dict[str, ImportField]: ...

    async def save_mapping(
        self, source_id: str, mapping: Mapping[str, ImportField], now: datetime
    ) -> None: ...

    async def read_file(self, job_id: str) -> bytes: ...

    async def contact(self, opportunity_id: str) -> dict[str, Any] | None: ...

    async def contacts(self, opportunity_ids: Sequence[str]) -> dict[str, dict[str, Any]]: ...

    async def create_job(self, job: dict[str, Any]) -> None: ...

    async def get_job(self, job_id: str, *, with_plan: bool = False) -> dict[str, Any] | None: ...

    async def update_job(
        self, job_id: str, fields: dict[str, Any], *, expect_status: Sequence[str] | None = None
    ) -> bool: ...

    async def unfinished_ids(self) -> list[str]: ...

    async def release(self, job_id: str, runner: str) -> None: ...

    async def claim(self, job_id: str, runner: str, now: datetime, stale_before: datetime) -> bool: ...

    async def commit_chunk(
        self,
        job_id: str,
        runner: str,
        processed_before: int,
        created: Sequence[tuple[Opportunity, ImportRow]],
        events: Sequence[CloudEvent],
        now: datetime,
        *,
        records: Changes | None = None,
        links: Sequence[dict[str, Any]] = (),
        owner_changes: Sequence[OwnerChange] = (),
    ) -> None: ...


class Background(Protocol):
    """Runs work after the request that started it has been answered (an import job)."""

    def start(self, work: Coroutine[Any, Any, Any], name: str) -> None: ...

    async def close(self) -> None: ...


@dataclass(frozen=True)
class WorkPorts:
    assignments: AssignmentStore
    evidence: EvidenceStore
    attachments: AttachmentStore
    attachment_policy: AttachmentPolicy
    imports: ImportStore
    background: Background
    accounts: AccountStore
    import_max_rows: int = 10_000

"""Import jobs, lead contacts and the uploaded CSV files in MongoDB.

A job's rows are created in chunks; each chunk is one transaction holding the opportunities, their
contacts (with their duplicate keys), their ``opportunity.created`` outbox rows and the
job's progress, written only if the progress is still where this runner left it. A crash leaves
whole chunks done or not; a resumed job carries on from the recorded progress, and ids derived
from the job and line make a repeated chunk impossible.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from gridfs import AsyncGridFSBucket
from pymongo import AsyncMongoClient
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from contracts.envelope import CloudEvent
from servicekit.mongo import Document, Index, find_by_ids, in_transaction
from servicekit.outbox import add_events
from services.opportunity.adapters.account_documents import account_to_doc, contact_to_doc
from services.opportunity.adapters.account_store import ACCOUNTS
from services.opportunity.adapters.account_store import CONTACTS as ACCOUNT_CONTACTS
from services.opportunity.adapters.assignment_store import HISTORY, history_doc
from services.opportunity.adapters.documents import opportunity_to_doc
from services.opportunity.adapters.opportunity_repository import OPPORTUNITIES
from services.opportunity.application.account_ports import Changes
from services.opportunity.application.assignment_ports import OwnerChange
from services.opportunity.domain.column_mapping import ImportField
from services.opportunity.domain.errors import Conflict
from services.opportunity.domain.imports import ImportRow
from services.opportunity.domain.opportunity import Opportunity

JOBS = "import_jobs"
CONTACTS = "opportunity_contacts"
BUCKET = "import_files"
MAPPINGS = "import_mappings"

IMPORT_INDEXES = [
    Index(CONTACTS, [("duplicate_keys", 1)], "contacts_duplicate_keys"),
    Index(JOBS, [("status", 1), ("created_at", 1)], "import_jobs_status_created"),
]


class MongoImports:
    def __init__(self, client: AsyncMongoClient[Document], db: AsyncDatabase[Document]) -> None:
        self._client = client
        self._db = db
        self._jobs = db[JOBS]
        self._contacts = db[CONTACTS]
        self._files = AsyncGridFSBucket(db, bucket_name=BUCKET)

    async def open_duplicates(self, keys: Sequence[str]) -> dict[str, str]:
        """Duplicate key → id of an open opportunity that already has it."""
        found: dict[str, str] = {}
        wanted = list(dict.fromkeys(keys))
        for start in range(0, len(wanted), 1000):
            batch = wanted[start : start + 1000]
            contacts = await self._contacts.find(
                {"duplicate_keys": {"$in": batch}}, {"duplicate_keys": 1}
            ).to_list(None)
            if not contacts:
                continue
            open_ids = {
                d["_id"]
                async for d in self._db[OPPORTUNITIES].find(
                    {"_id": {"$in": [c["_id"] for c in contacts]}, "status": "OPEN"}, {"_id": 1}
                )
            }
            for contact in contacts:
                if contact["_id"] in open_ids:
                    for key in contact["duplicate_keys"]:
                        found.setdefault(key, contact["_id"])
        return found

    async def saved_mapping(self, source_id: str) -> dict[str, ImportField]:
        """The columns the source's files were last read with (header key → field)."""
        doc = await self._db[MAPPINGS].find_one({"_id": source_id})
        return {} if doc is None else {c["header"]: ImportField(c["field"]) for c in doc["columns"]}

    async def save_mapping(self, source_id: str, mapping: Mapping[str, ImportField], now: datetime) -> None:
        # A list of pairs, not a document keyed by header: a header may hold "." or "$".
        merged = {**await self.saved_mapping(source_id), **mapping}
        columns = [{"header": header, "field": field.value} for header, field in sorted(merged.items())]
        await self._db[MAPPINGS].replace_one(
            {"_id": source_id}, {"_id": source_id, "columns": columns, "updated_at": now}, upsert=True
        )

    async def save_file(self, job_id: str, filename: str, data: bytes) -> None:
        await self._files.upload_from_stream_with_id(job_id, filename or "import.csv", data)

    async def read_file(self, job_id: str) -> bytes:
        stream = await self._files.open_download_stream(job_id)
        data: bytes = await stream.read()
        return data

    async def create_job(self, job: Document) -> None:
        await self._jobs.insert_one(job)

    async def get_job(self, job_id: str, *, with_plan: bool = False) -> Document | None:
        projection = None if with_plan else {"owners": 0}
        return await self._jobs.find_one({"_id": job_id}, projection)

    async def update_job(
        self, job_id: str, fields: Document, *, expect_status: Sequence[str] | None = None
    ) -> bool:
        query: Document = {"_id": job_id}
        if expect_status is not None:
            query["status"] = {"$in": list(expect_status)}
        result = await self._jobs.update_one(query, {"$set": fields})
        return result.modified_count == 1

    async def unfinished_ids(self) -> list[str]:
        cursor = self._jobs.find({"status": {"$in": ["QUEUED", "RUNNING"]}}, {"_id": 1}).sort(
            [("created_at", 1)]
        )
        return [d["_id"] async for d in cursor]

    async def claim(self, job_id: str, runner: str, now: datetime, stale_before: datetime) -> bool:
        """Become the job's one runner: it is queued or failed, or its runner stopped reporting."""
        result = await self._jobs.update_one(
            {
                "_id": job_id,
                "$or": [
                    {"status": {"$in": ["QUEUED", "FAILED"]}},
                    {"status": "RUNNING", "heartbeat_at": {"$lt": stale_before}},
                ],
            },
            {
                "$set": {
                    "status": "RUNNING",
                    "runner": runner,
                    "heartbeat_at": now,
                    "started_at": now,
                    "error": None,
                }
            },
        )
        return result.modified_count == 1

    async def release(self, job_id: str, runner: str) -> None:
        """Give the job back (the runner is stopping): queued again, to be carried on at once."""
        await self._jobs.update_one(
            {"_id": job_id, "runner": runner}, {"$set": {"status": "QUEUED", "runner": None}}
        )

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
    ) -> None:
        """One chunk: its opportunities, the accounts and contacts its cards created (``records``,
        all new), the per-line report of what each card was linked to (``links``) and each new
        opportunity's assignment to its first owner (``owner_changes``, for the owner history)."""

        async def work(session: AsyncClientSession) -> None:
            update: Document = {
                "$inc": {"processed": len(created), "created": len(created)}, "$set": {"heartbeat_at": now},
            }  # fmt: skip
            if links:
                update["$push"] = {"links": {"$each": list(links)}}
            moved = await self._jobs.update_one(
                {"_id": job_id, "runner": runner, "processed": processed_before}, update, session=session
            )
            if moved.modified_count == 0:
                raise Conflict("Another runner took over this import job.", {"jobId": job_id})
            if created:
                await self._db[OPPORTUNITIES].insert_many(
                    [opportunity_to_doc(o) for o, _ in created], session=session
                )
                await self._contacts.insert_many(
                    [_contact(o, row, job_id) for o, row in created], session=session
                )
            if records is not None and records.accounts:
                await self._db[ACCOUNTS].insert_many(
                    [account_to_doc(a) for a, _ in records.accounts], session=session
                )
            if records is not None and records.contacts:
                await self._db[ACCOUNT_CONTACTS].insert_many(
                    [contact_to_doc(c) for c, _ in records.contacts], session=session
                )
            if owner_changes:
                await self._db[HISTORY].insert_many([history_doc(c) for c in owner_changes], session=session)
            if created:
                await add_events(self._db, session, events)

        await in_transaction(self._client, work)

    async def contact(self, opportunity_id: str) -> Document | None:
        return await self._contacts.find_one({"_id": opportunity_id})

    async def contacts(self, opportunity_ids: Sequence[str]) -> dict[str, Document]:
        return {d["_id"]: d for d in await find_by_ids(self._contacts, opportunity_ids)}


def _contact(o: Opportunity, row: ImportRow, job_id: str) -> dict[str, Any]:
    return {
        "_id": o.id, "company": row.company, "contact": row.contact, "title": row.title, "phone": row.phone,
        "email": row.email, "product_interest": row.product_interest, "notes": row.notes,
        "duplicate_keys": row.duplicate_keys, "import_job_id": job_id, "line": row.line,
    }  # fmt: skip

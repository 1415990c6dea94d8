"""Attachment files in MongoDB GridFS (bucket ``attachments``).

The bytes are written first, marked pending; then one transaction links the file to its activity
(refusing a file beyond the per-activity limit), marks it stored and writes ``attachment.added``
to the outbox. If that transaction fails the file is deleted again; a pending file left by a
crash between the two steps belongs to no activity, is never served, and can be swept.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import datetime

from gridfs import AsyncGridFSBucket
from gridfs.errors import NoFile
from pymongo import AsyncMongoClient
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from contracts.envelope import CloudEvent
from servicekit.mongo import Document, Index, in_transaction
from servicekit.outbox import add_events
from services.opportunity.adapters.evidence_store import MongoEvidence
from services.opportunity.application.work_ports import StoredFile
from services.opportunity.domain.attachments import AttachmentError, CheckedFile

BUCKET = "attachments"
FILES = f"{BUCKET}.files"

ATTACHMENT_INDEXES = [
    Index(FILES, [("metadata.activity_id", 1), ("uploadDate", 1)], "attachments_activity"),
]


def _stored(doc: Document) -> StoredFile:
    m = doc["metadata"]
    return StoredFile(
        id=doc["_id"], activity_id=m.get("activity_id") or "", opportunity_id=m.get("opportunity_id") or "",
        filename=doc["filename"], content_type=m["content_type"], size=doc["length"], sha256=m["sha256"],
        uploaded_at=m["uploaded_at"], uploaded_by=m["uploaded_by"], contact_id=m.get("contact_id"),
    )  # fmt: skip


class GridFsAttachments:
    def __init__(
        self, client: AsyncMongoClient[Document], db: AsyncDatabase[Document], evidence: MongoEvidence
    ):
        self._client = client
        self._db = db
        self._bucket = AsyncGridFSBucket(db, bucket_name=BUCKET)
        self._files = db[FILES]
        self._evidence = evidence

    async def store(
        self,
        *,
        attachment_id: str,
        activity_id: str,
        opportunity_id: str,
        file: CheckedFile,
        data: bytes,
        by: str,
        now: datetime,
        limit: int,
        events: Sequence[CloudEvent],
    ) -> StoredFile:
        metadata = {
            "activity_id": activity_id, "opportunity_id": opportunity_id, "content_type": file.content_type,
            "sha256": file.sha256, "uploaded_by": by, "uploaded_at": now, "state": "pending",
        }  # fmt: skip
        await self._bucket.upload_from_stream_with_id(attachment_id, file.filename, data, metadata=metadata)

        async def work(session: AsyncClientSession) -> None:
            if not await self._evidence.attach(session, activity_id, attachment_id, file.content_type, limit):
                raise AttachmentError(
                    "TOO_MANY_FILES", f"An activity holds at most {limit} files.", {"limit": limit}
                )
            await self._files.update_one(
                {"_id": attachment_id}, {"$set": {"metadata.state": "stored"}}, session=session
            )
            await add_events(self._db, session, events)

        try:
            await in_transaction(self._client, work)
        except BaseException:
            await self._bucket.delete(attachment_id)
            raise
        return StoredFile(
            attachment_id, activity_id, opportunity_id, file.filename, file.content_type, file.size, file.sha256,
            now, by,
        )  # fmt: skip

    async def store_card_photo(
        self, *, attachment_id: str, contact_id: str, file: CheckedFile, data: bytes, by: str, now: datetime,
        link: Callable[[AsyncClientSession], Awaitable[None]],
    ) -> StoredFile:  # fmt: skip
        metadata = {
            "contact_id": contact_id, "content_type": file.content_type, "sha256": file.sha256,
            "uploaded_by": by, "uploaded_at": now, "state": "pending",
        }  # fmt: skip
        await self._bucket.upload_from_stream_with_id(attachment_id, file.filename, data, metadata=metadata)

        async def work(session: AsyncClientSession) -> None:
            await self._files.update_one(
                {"_id": attachment_id}, {"$set": {"metadata.state": "stored"}}, session=session
            )
            await link(session)

        try:
            await in_transaction(self._client, work)
        except BaseException:
            await self._bucket.delete(attachment_id)
            raise
        return StoredFile(
            attachment_id,
            "",
            "",
            file.filename,
            file.content_type,
            file.size,
            file.sha256,
            now,
            by,
            contact_id,
        )

    async def get(self, attachment_id: str) -> StoredFile | None:
        doc = await self._files.find_one({"_id": attachment_id})
        return _stored(doc) if doc is not None and doc["metadata"].get("state") == "stored" else None

    async def of_activities(self, activity_ids: Sequence[str]) -> list[StoredFile]:
        # Only the indexed key in the filter (a second, unindexed dotted key makes some servers
        # scan); the rare pending file is dropped here instead.
        cursor = self._files.find({"metadata.activity_id": {"$in": list(activity_ids)}})
        docs = [d async for d in cursor if d["metadata"].get("state") == "stored"]
        return [_stored(d) for d in sorted(docs, key=lambda d: d["uploadDate"])]

    async def chunks(self, attachment_id: str) -> AsyncIterator[bytes]:
        """The file's bytes, chunk by chunk, so a large file is never held whole in memory."""
        try:
            stream = await self._bucket.open_download_stream(attachment_id)
        except NoFile:
            return
        while chunk := await stream.readchunk():
            yield chunk

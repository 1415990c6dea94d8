"""The in-app inbox: written by the delivery workers, read and marked by the API."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from servicekit.mongo import Document
from services.notifications.adapters.documents import NOTIFICATIONS
from services.notifications.application.ports import DeliveryRequest
from services.notifications.application.reading import InboxPosition

_SORT = [("read", 1), ("created_at", -1), ("_id", -1)]


class MongoInbox:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._db = db

    async def add(self, request: DeliveryRequest) -> bool:
        doc = {
            "_id": request.notification_id,
            "user_id": request.recipient_id,
            "kind": request.kind,
            "subject": request.subject,
            "body": request.body,
            "opportunity_ids": list(request.opportunity_ids),
            "due_at": request.due_at,
            "late": request.late,
            "created_at": request.created_at,
            "read": False,
            "read_at": None,
        }
        try:
            await self._db[NOTIFICATIONS].insert_one(doc)
        except DuplicateKeyError:
            return False
        return True

    async def page(self, user_id: str, first: int, after: InboxPosition | None) -> list[Document]:
        """Up to ``first`` + 1 notifications after ``after`` (the extra one tells if more exist)."""
        query: Document = {"user_id": user_id}
        if after is not None:
            query["$or"] = [
                {"read": {"$gt": after.read}},
                {"read": after.read, "created_at": {"$lt": after.created_at}},
                {"read": after.read, "created_at": after.created_at, "_id": {"$lt": after.id}},
            ]
        return await self._db[NOTIFICATIONS].find(query).sort(_SORT).limit(first + 1).to_list()

    async def get(self, user_id: str, notification_id: str) -> Document | None:
        return await self._db[NOTIFICATIONS].find_one({"_id": notification_id, "user_id": user_id})

    async def unread_count(self, user_id: str) -> int:
        return await self._db[NOTIFICATIONS].count_documents({"user_id": user_id, "read": False})

    async def mark_read(self, user_id: str, ids: Sequence[str] | None, at: datetime) -> int:
        """Mark the user's unread notifications read (all of them when ``ids`` is None)."""
        query: Document = {"user_id": user_id, "read": False}
        if ids is not None:
            query["_id"] = {"$in": list(ids)}
        result = await self._db[NOTIFICATIONS].update_many(query, {"$set": {"read": True, "read_at": at}})
        return result.modified_count

    async def existing_ids(self, user_id: str, ids: Sequence[str]) -> set[str]:
        docs = self._db[NOTIFICATIONS].find({"user_id": user_id, "_id": {"$in": list(ids)}}, {"_id": 1})
        return {doc["_id"] for doc in await docs.to_list()}

"""The state of every delivery (notification x channel), so failures are visible in the API."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import datetime

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from servicekit.mongo import Document
from services.notifications.adapters.documents import DELIVERIES
from services.notifications.application.ports import DeliveryRequest

SENT, RETRYING, FAILED = "SENT", "RETRYING", "FAILED"


def _identity(request: DeliveryRequest) -> Document:
    return {
        "notification_id": request.notification_id,
        "channel": request.channel,
        "recipient_id": request.recipient_id,
        "kind": request.kind,
        "subject": request.subject,
    }


class MongoDeliveryLog:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._db = db

    async def is_sent(self, delivery_id: str) -> bool:
        doc = await self._db[DELIVERIES].find_one({"_id": delivery_id, "state": SENT}, {"_id": 1})
        return doc is not None

    async def mark_sent(self, request: DeliveryRequest, at: datetime) -> None:
        await self._db[DELIVERIES].update_one(
            {"_id": request.delivery_id},
            {
                "$set": {**_identity(request), "state": SENT, "sent_at": at, "updated_at": at},
                "$inc": {"attempts": 1},
            },
            upsert=True,
        )

    async def record_failure(self, request: DeliveryRequest, error: str, at: datetime) -> None:
        with contextlib.suppress(DuplicateKeyError):  # it was sent meanwhile: nothing to record
            await self._db[DELIVERIES].update_one(
                {"_id": request.delivery_id, "state": {"$ne": SENT}},
                {
                    "$set": {**_identity(request), "state": RETRYING, "last_error": error, "updated_at": at},
                    "$inc": {"attempts": 1},
                },
                upsert=True,
            )

    async def mark_failed(self, delivery_id: str, error: str, at: datetime) -> None:
        await self._db[DELIVERIES].update_one(
            {"_id": delivery_id, "state": {"$ne": SENT}},
            {"$set": {"state": FAILED, "updated_at": at, "final_error": error}},
        )

    async def for_notifications(self, ids: Sequence[str]) -> list[Document]:
        cursor = self._db[DELIVERIES].find({"notification_id": {"$in": list(ids)}}).sort("_id", 1)
        return await cursor.to_list()

    async def failed(self, limit: int) -> list[Document]:
        cursor = self._db[DELIVERIES].find({"state": FAILED}).sort("updated_at", -1).limit(limit)
        return await cursor.to_list()

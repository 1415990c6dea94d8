"""A user's notifications: paged unread first, the unread count, marking read."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.notifications.application.ports import Clock
from services.notifications.application.reading import DeliveryReader, InboxPosition, InboxReader
from services.notifications.domain.errors import InvalidRequest, NotFound

MAX_PAGE = 100


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    end_cursor: str | None
    has_next_page: bool


def encode_cursor(doc: dict[str, Any]) -> str:
    raw = json.dumps([doc["read"], doc["created_at"].isoformat(), doc["_id"]]).encode()
    return base64.urlsafe_b64encode(raw).decode()


def decode_cursor(cursor: str) -> InboxPosition:
    try:
        read, created_at, id_ = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        return InboxPosition(bool(read), datetime.fromisoformat(created_at), str(id_))
    except (binascii.Error, ValueError, TypeError) as exc:
        raise InvalidRequest("The cursor is not one this API returned.", {"field": "after"}) from exc


class InboxUseCases:
    def __init__(self, inbox: InboxReader, deliveries: DeliveryReader, clock: Clock) -> None:
        self._inbox = inbox
        self._deliveries = deliveries
        self._clock = clock

    async def page(self, user_id: str, first: int, after: str | None) -> Page:
        if not 1 <= first <= MAX_PAGE:
            raise InvalidRequest(f"first must be between 1 and {MAX_PAGE}.", {"field": "first"})
        position = decode_cursor(after) if after else None
        docs = await self._inbox.page(user_id, first, position)
        items = docs[:first]
        return Page(items, encode_cursor(items[-1]) if items else None, len(docs) > first)

    async def deliveries_of(self, notification_ids: Sequence[str]) -> list[list[dict[str, Any]]]:
        """How each channel fared, per notification (in the order asked), in one query."""
        docs = await self._deliveries.for_notifications(notification_ids)
        return [[d for d in docs if d["notification_id"] == i] for i in notification_ids]

    async def unread_count(self, user_id: str) -> int:
        return await self._inbox.unread_count(user_id)

    async def mark_read(self, user_id: str, ids: Sequence[str]) -> int:
        """Marks the given notifications read; if any is not the user's, marks none."""
        if not ids:
            raise InvalidRequest("Give at least one notification id.", {"field": "ids"})
        missing = sorted(set(ids) - await self._inbox.existing_ids(user_id, ids))
        if missing:
            raise NotFound(f"No notification {missing[0]} in your inbox.", {"ids": missing})
        return await self._inbox.mark_read(user_id, ids, self._clock.now())

    async def mark_one_read(self, user_id: str, notification_id: str) -> dict[str, Any]:
        """Marks one of the user's notifications read and returns it as it now stands."""
        await self.mark_read(user_id, [notification_id])
        return await self.get(user_id, notification_id)

    async def mark_all_read(self, user_id: str) -> int:
        return await self._inbox.mark_read(user_id, None, self._clock.now())

    async def get(self, user_id: str, notification_id: str) -> dict[str, Any]:
        doc = await self._inbox.get(user_id, notification_id)
        if doc is None:
            raise NotFound(f"No notification {notification_id} in your inbox.", {"id": notification_id})
        return doc

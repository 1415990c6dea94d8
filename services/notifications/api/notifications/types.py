"""GraphQL types of the inbox."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

import strawberry

from services.notifications.api.context import Context


@strawberry.enum(description="Why a notification was sent.")
class AlertKind(Enum):
    UPCOMING_CLOSE = "UPCOMING_CLOSE"
    OVERDUE = "OVERDUE"
    STALE = "STALE"
    ASSIGNED = "ASSIGNED"
    NEXT_STEP = "NEXT_STEP"


@strawberry.enum
class DeliveryChannel(Enum):
    INBOX = "INBOX"
    EMAIL = "EMAIL"
    WEBHOOK = "WEBHOOK"


@strawberry.enum(description="SENT, RETRYING (a failed attempt, more to come) or FAILED (given up).")
class DeliveryState(Enum):
    SENT = "SENT"
    RETRYING = "RETRYING"
    FAILED = "FAILED"


@strawberry.type
class Delivery:
    notification_id: strawberry.ID
    recipient_id: strawberry.ID
    channel: DeliveryChannel
    state: DeliveryState
    attempts: int
    last_error: str | None
    updated_at: datetime | None

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Delivery:
        return cls(
            notification_id=strawberry.ID(doc["notification_id"]),
            recipient_id=strawberry.ID(doc["recipient_id"]),
            channel=DeliveryChannel(doc["channel"]),
            state=DeliveryState(doc["state"]),
            attempts=doc.get("attempts", 0),
            last_error=doc.get("final_error") or doc.get("last_error"),
            updated_at=doc.get("updated_at"),
        )


@strawberry.type
class Notification:
    id: strawberry.ID
    kind: AlertKind
    subject: str
    body: str
    opportunity_ids: list[strawberry.ID]
    created_at: datetime
    due_at: datetime
    late: bool = strawberry.field(description="Delivered well after it was due (a scheduler was down).")
    read: bool
    read_at: datetime | None

    @strawberry.field(description="How each channel (inbox, e-mail, webhook) fared.")
    async def deliveries(self, info: strawberry.Info[Context, None]) -> list[Delivery]:
        return [Delivery.from_doc(doc) for doc in await info.context.deliveries.load(str(self.id))]

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Notification:
        return cls(
            id=strawberry.ID(doc["_id"]),
            kind=AlertKind(doc["kind"]),
            subject=doc["subject"],
            body=doc["body"],
            opportunity_ids=[strawberry.ID(i) for i in doc.get("opportunity_ids", [])],
            created_at=doc["created_at"],
            due_at=doc["due_at"],
            late=doc.get("late", False),
            read=doc["read"],
            read_at=doc.get("read_at"),
        )


@strawberry.type
class NotificationPage:
    items: list[Notification]
    end_cursor: str | None = strawberry.field(description="Pass as `after` to get the next page.")
    has_next_page: bool

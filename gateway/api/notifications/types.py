"""The caller's notifications and an opportunity's pending alerts."""

from __future__ import annotations

from enum import Enum

import strawberry

from gateway.api.scalars import DateTime


@strawberry.enum
class AlertKind(Enum):
    UPCOMING_CLOSE = "UPCOMING_CLOSE"
    OVERDUE = "OVERDUE"
    STALE = "STALE"
    ASSIGNED = "ASSIGNED"
    NEXT_STEP = "NEXT_STEP"


@strawberry.enum
class PendingAlertState(Enum):
    PENDING = "PENDING"
    CLAIMED = "CLAIMED"


@strawberry.enum
class DeliveryChannel(Enum):
    INBOX = "INBOX"
    EMAIL = "EMAIL"
    WEBHOOK = "WEBHOOK"


@strawberry.enum
class DeliveryState(Enum):
    SENT = "SENT"
    RETRYING = "RETRYING"
    FAILED = "FAILED"


@strawberry.type
class PendingAlert:
    id: strawberry.ID
    kind: AlertKind
    due_at: DateTime
    state: PendingAlertState
    owner_id: strawberry.ID
    occurrence: int = strawberry.field(description="0 for the first alert, then 1, 2 ... for reminders.")


@strawberry.type
class Delivery:
    notification_id: strawberry.ID
    recipient_id: strawberry.ID
    channel: DeliveryChannel
    state: DeliveryState
    attempts: int
    last_error: str | None
    updated_at: DateTime | None


@strawberry.type
class Notification:
    id: strawberry.ID
    kind: AlertKind
    subject: str
    body: str
    opportunity_ids: list[strawberry.ID]
    created_at: DateTime
    due_at: DateTime
    late: bool
    read: bool
    read_at: DateTime | None
    deliveries: list[Delivery]


@strawberry.type
class NotificationPage:
    items: list[Notification]
    end_cursor: str | None
    has_next_page: bool


@strawberry.type
class AlertSettings:
    time_zone: str
    alert_hour: int
    overdue_reminder_days: int
    default_alert_days_before_close: int
    notify_manager: bool
    notify_admins: bool


@strawberry.input
class AlertSettingsInput:
    time_zone: str | None = strawberry.UNSET
    alert_hour: int | None = strawberry.UNSET
    overdue_reminder_days: int | None = strawberry.UNSET
    default_alert_days_before_close: int | None = strawberry.UNSET
    notify_manager: bool | None = strawberry.UNSET
    notify_admins: bool | None = strawberry.UNSET

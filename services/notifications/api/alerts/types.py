"""GraphQL types of scheduled alerts and of the alert settings."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry

from services.notifications.api.notifications.types import AlertKind
from services.notifications.domain.model import AlertPolicy, ScheduledAlert


@strawberry.enum(description="PENDING (waiting for its time) or CLAIMED (being handed to delivery).")
class PendingAlertState(Enum):
    PENDING = "PENDING"
    CLAIMED = "CLAIMED"


@strawberry.type
class PendingAlert:
    id: strawberry.ID
    kind: AlertKind
    due_at: datetime
    state: PendingAlertState
    owner_id: strawberry.ID
    occurrence: int = strawberry.field(description="0 for the first alert, then 1, 2 ... for reminders.")

    @classmethod
    def from_domain(cls, alert: ScheduledAlert) -> PendingAlert:
        return cls(
            id=strawberry.ID(alert.id),
            kind=AlertKind(alert.kind.value),
            due_at=alert.due_at,
            state=PendingAlertState(alert.state.value),
            owner_id=strawberry.ID(alert.owner_id),
            occurrence=alert.occurrence,
        )


@strawberry.type(description="Organisation-wide alert settings.")
class AlertSettings:
    time_zone: str = strawberry.field(description="IANA zone in which alerts go out.")
    alert_hour: int = strawberry.field(description="Local hour (0-23) at which alerts go out.")
    overdue_reminder_days: int
    default_alert_days_before_close: int = strawberry.field(
        description="Used for pipelines that have not set alertDaysBeforeClose."
    )
    notify_manager: bool
    notify_admins: bool

    @classmethod
    def from_domain(cls, policy: AlertPolicy) -> AlertSettings:
        values = asdict(policy)
        return cls(time_zone=values.pop("timezone"), **values)


@strawberry.input
class AlertSettingsInput:
    time_zone: str | None = None
    alert_hour: int | None = None
    overdue_reminder_days: int | None = None
    default_alert_days_before_close: int | None = None
    notify_manager: bool | None = None
    notify_admins: bool | None = None

    def changes(self) -> dict[str, Any]:
        """Only the fields given, named as the domain names them."""
        given = {k: v for k, v in vars(self).items() if v is not None}
        if "time_zone" in given:
            given["timezone"] = given.pop("time_zone")
        return given

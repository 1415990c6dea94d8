"""What the notifications service knows: its own copies of opportunities, pipelines and users
(kept from events), the alert policy, and the scheduled alerts derived from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from servicekit.i18n import DEFAULT_LOCALE


class AlertKind(StrEnum):
    UPCOMING_CLOSE = "UPCOMING_CLOSE"
    OVERDUE = "OVERDUE"
    STALE = "STALE"
    ASSIGNED = "ASSIGNED"
    NEXT_STEP = "NEXT_STEP"
    """An activity's next step is due today (call back, send a sample, follow up a quote)."""


SCHEDULED_KINDS = (AlertKind.UPCOMING_CLOSE, AlertKind.OVERDUE, AlertKind.STALE)
"""Kinds derived from an opportunity's state; ASSIGNED comes from a change of owner."""


class AlertState(StrEnum):
    PENDING = "PENDING"
    CLAIMED = "CLAIMED"
    """A scheduler holds a lease on it and is handing it to the delivery workers."""
    DELIVERED = "DELIVERED"
    CANCELLED = "CANCELLED"


PENDING_STATES = (AlertState.PENDING, AlertState.CLAIMED)
"""An alert "still to come" (what the API calls pending): waiting for its time, or being
handed to delivery right now."""


@dataclass(frozen=True)
class OpportunityCopy:
    id: str
    title: str
    owner_id: str
    team: str | None
    pipeline_id: str
    stage_key: str
    stage_name: str | None
    stage_entered_at: datetime
    status: str
    expected_close_date: date
    version: int

    @property
    def is_open(self) -> bool:
        return self.status == "OPEN"


@dataclass(frozen=True)
class PipelineCopy:
    id: str
    name: str
    alert_days_before_close: int
    rotting_days: dict[str, int | None] = field(default_factory=dict)
    version: int = 1


@dataclass(frozen=True)
class UserCopy:
    id: str
    name: str
    email: str
    role: str
    team: str | None = None
    manager_id: str | None = None
    active: bool = True
    version: int = 1
    locale: str = DEFAULT_LOCALE
    """The language their notifications and e-mails are written in."""


@dataclass(frozen=True)
class AlertPolicy:
    """Organisation-wide alert settings (an administrator changes them through the API)."""

    timezone: str = "UTC"
    alert_hour: int = 9
    overdue_reminder_days: int = 3
    default_alert_days_before_close: int = 7
    notify_manager: bool = False
    notify_admins: bool = False


@dataclass(frozen=True)
class PlannedAlert:
    """What an opportunity's current state calls for: one alert of a kind, for an anchor (the
    close date, or the stage stay) that identifies it, first due at ``due_at``."""

    kind: AlertKind
    anchor: str
    due_at: datetime


@dataclass(frozen=True)
class ScheduledAlert:
    """One document of the schedule: the alert of one kind for one opportunity (or, for
    ASSIGNED, the summary for one recipient and one assignment batch)."""

    id: str
    kind: AlertKind
    opportunity_id: str | None
    anchor: str
    due_at: datetime
    state: AlertState
    owner_id: str
    occurrence: int = 0
    opportunity_ids: tuple[str, ...] = ()
    note: str | None = None
    """For NEXT_STEP: what is to be done."""

    @property
    def delivery_key(self) -> str:
        """Identifies one delivery of this alert; workers never deliver a key twice."""
        return f"{self.id}|{self.anchor}|{self.occurrence}"


def alert_id(opportunity_id: str, kind: AlertKind) -> str:
    return f"{opportunity_id}:{kind.value}"


def reminder_id(activity_id: str) -> str:
    """An activity has one next-step reminder at a time: moving its due day moves it."""
    return f"{activity_id}:{AlertKind.NEXT_STEP.value}"

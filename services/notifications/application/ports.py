"""What the use cases need from the outside world, as protocols the adapters implement."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from contracts.envelope import CloudEvent
from services.notifications.domain.model import (
    AlertKind,
    AlertPolicy,
    OpportunityCopy,
    PipelineCopy,
    ScheduledAlert,
    UserCopy,
)

T = TypeVar("T")


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, UTC and timezone-aware."""
        ...


class IntakeUnit(Protocol):
    """Reads and writes of one event's handling, all in one transaction."""

    async def advance(self, event: CloudEvent) -> bool: ...
    async def policy(self) -> AlertPolicy: ...
    async def opportunity(self, opportunity_id: str) -> OpportunityCopy | None: ...
    async def save_opportunity(self, opportunity: OpportunityCopy) -> None: ...
    async def pipeline(self, pipeline_id: str) -> PipelineCopy | None: ...
    async def save_pipeline(self, pipeline: PipelineCopy) -> None: ...
    async def save_user(self, user: UserCopy) -> None: ...
    async def reminder(self, activity_id: str) -> ScheduledAlert | None: ...
    async def save_reminder(self, reminder: ScheduledAlert) -> None: ...
    async def alerts_of(self, opportunity_id: str) -> dict[AlertKind, ScheduledAlert]: ...
    async def save_alert(self, alert: ScheduledAlert) -> None: ...
    async def open_opportunity_ids_in(self, pipeline_id: str) -> list[str]:
        """The ids of the pipeline's open opportunities, in id order."""
        ...

    async def opportunities(self, ids: Sequence[str]) -> list[OpportunityCopy]:
        """The copies of these opportunities (those that exist), read at once."""
        ...

    async def load_alerts(self, opportunity_ids: Sequence[str]) -> None:
        """Read the alerts of many opportunities at once (``alerts_of`` then needs no query)."""
        ...

    async def request_replan(self, pipeline_id: str) -> int:
        """Ask for the pipeline's opportunities to be re-planned; returns the request's
        generation (each request counts one up)."""
        ...

    async def pending_replans(self) -> list[tuple[str, int]]: ...
    async def finish_replan(self, pipeline_id: str, generation: int) -> None:
        """Record the request done (a newer one, if any, stays pending)."""
        ...

    async def add_to_assignment_summary(
        self, *, recipient_id: str, opportunity_id: str, due_at: datetime, event_id: str
    ) -> None:
        """Add to the recipient's summary still pending, or open one due at ``due_at``."""
        ...


@dataclass(frozen=True)
class Prefetch:
    """What a batch of events will read, so the store can load it in a few queries."""

    events: Sequence[CloudEvent]
    opportunities: Mapping[str, OpportunityCopy]
    """The newest copy of each opportunity the batch carries."""
    pipeline_ids: Sequence[str]


class IntakeStore(Protocol):
    async def run(self, prefetch: Prefetch, work: Callable[[IntakeUnit], Awaitable[T]]) -> T:
        """Run ``work`` in one transaction (retried from the start on a write conflict)."""
        ...


@dataclass(frozen=True)
class Claim:
    """The alerts one claim won, and the token that proves it when they are finished."""

    token: str
    alerts: list[ScheduledAlert]


@dataclass(frozen=True)
class Finished:
    """An alert handed over (or dropped): ``after`` is what its document becomes."""

    claimed: ScheduledAlert
    after: ScheduledAlert
    late: bool


class Schedule(Protocol):
    """The scheduler's view of the stored schedule and the copies it reads to compose alerts."""

    async def due(self, now: datetime, limit: int) -> list[ScheduledAlert]: ...
    async def claim(
        self, alerts: Sequence[ScheduledAlert], owner: str, now: datetime, until: datetime
    ) -> Claim: ...
    async def finish(self, outcomes: Sequence[Finished], token: str, now: datetime) -> int: ...
    async def release(self, alert_ids: Sequence[str], token: str) -> int:
        """Give back the alerts of a claim that could not be handed over, as they were before it
        (pending, due): the next tick takes them again. Returns how many."""
        ...

    async def policy(self) -> AlertPolicy: ...
    async def opportunities(self, ids: Sequence[str]) -> dict[str, OpportunityCopy]: ...
    async def users(self, ids: Sequence[str]) -> dict[str, UserCopy]: ...
    async def admins(self) -> list[UserCopy]: ...


@dataclass(frozen=True)
class DeliveryRequest:
    """One notification to one recipient over one channel; facts, not objects, so a worker
    can deliver it without reading anything else."""

    delivery_id: str
    notification_id: str
    channel: str
    recipient_id: str
    address: str | None
    kind: str
    subject: str
    body: str
    opportunity_ids: tuple[str, ...]
    due_at: datetime
    created_at: datetime
    late: bool


class DeliveryQueue(Protocol):
    async def enqueue(self, requests: Sequence[DeliveryRequest]) -> None:
        """Hand requests to the delivery workers; returns once the broker has them."""
        ...


class Inbox(Protocol):
    async def add(self, request: DeliveryRequest) -> bool:
        """Store the in-app notification; False when it was already there."""
        ...


class Announcer(Protocol):
    async def notification_created(self, request: DeliveryRequest) -> None:
        """Tell live feeds an inbox notification exists; raises if the bus did not take it."""
        ...


class DeliveryLog(Protocol):
    """Per delivery (notification x channel): state, attempts and the last error, for the API."""

    async def is_sent(self, delivery_id: str) -> bool: ...
    async def mark_sent(self, request: DeliveryRequest, at: datetime) -> None: ...
    async def record_failure(self, request: DeliveryRequest, error: str, at: datetime) -> None: ...
    async def mark_failed(self, delivery_id: str, error: str, at: datetime) -> None: ...


class Mailer(Protocol):
    async def send(self, *, to: str, subject: str, body: str, message_id: str) -> None: ...


class WebhookSender(Protocol):
    async def send(self, *, payload: dict[str, object], delivery_id: str) -> None: ...

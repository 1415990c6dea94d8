"""Ports of the API's use cases: the inbox, deliveries, the schedule and the copies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from services.notifications.domain.model import AlertPolicy, OpportunityCopy, ScheduledAlert


@dataclass(frozen=True)
class InboxPosition:
    """Where a page ended, in the inbox order (unread first, then newest first)."""

    read: bool
    created_at: datetime
    id: str


class InboxReader(Protocol):
    async def page(self, user_id: str, first: int, after: InboxPosition | None) -> list[dict[str, Any]]: ...
    async def unread_count(self, user_id: str) -> int: ...
    async def existing_ids(self, user_id: str, ids: Sequence[str]) -> set[str]: ...
    async def mark_read(self, user_id: str, ids: Sequence[str] | None, at: datetime) -> int: ...
    async def get(self, user_id: str, notification_id: str) -> dict[str, Any] | None: ...


class DeliveryReader(Protocol):
    async def for_notifications(self, ids: Sequence[str]) -> list[dict[str, Any]]: ...
    async def failed(self, limit: int) -> list[dict[str, Any]]: ...


class ScheduleReader(Protocol):
    async def opportunities(self, ids: Sequence[str]) -> dict[str, OpportunityCopy]: ...
    async def pending_alerts(self, opportunity_ids: Sequence[str]) -> dict[str, list[ScheduledAlert]]:
        """Pending (or claimed) alerts per opportunity, soonest first."""
        ...

    async def opportunities_and_pending_counts(
        self, ids: Sequence[str]
    ) -> tuple[dict[str, OpportunityCopy], dict[str, int]]:
        """The copies found, and per copy how many alerts it has pending (or claimed)."""
        ...


class ReplanRequests(Protocol):
    async def request_all(self) -> int:
        """Ask the consumer to re-plan the open opportunities of every pipeline."""
        ...


class PolicyStore(Protocol):
    async def get(self) -> AlertPolicy: ...
    async def save(self, policy: AlertPolicy) -> None: ...

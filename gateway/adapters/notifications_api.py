"""The notifications service's GraphQL API as the gateway uses it: the generated client of
``clients/operations/notifications.graphql``, one caller at a time."""

from __future__ import annotations

from gateway.adapters.clients.notifications.client import Client
from gateway.adapters.clients.notifications.fragments import (
    AlertSettingsFields,
    DeliveryFields,
    NotificationFields,
    PendingAlertFields,
)
from gateway.adapters.clients.notifications.input_types import AlertSettingsInput
from gateway.adapters.clients.notifications.notifications import NotificationsResult
from gateway.adapters.services import ServiceClient, ServiceError
from servicekit.identity import Identity


class NotificationsApi:
    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    def _as(self, identity: Identity) -> Client:
        return Client(self.client, identity)

    async def pending_alerts(
        self, identity: Identity, opportunity_ids: list[str]
    ) -> list[list[PendingAlertFields] | ServiceError]:
        """Pending alerts of many opportunities in one call; an unknown or forbidden one is its
        ``ServiceError`` in its place."""
        failed: dict[int, ServiceError] = {}
        answer = await self._as(identity).pending_alerts_of(opportunity_ids, per_item=failed)
        return [failed.get(i) or list(alerts or ()) for i, alerts in enumerate(answer.result)]

    async def pending_alert_counts(
        self, identity: Identity, opportunity_ids: list[str]
    ) -> list[int | ServiceError]:
        """How many alerts are pending for each of many opportunities, in one call (a board
        shows the count, so the alerts themselves need not travel)."""
        failed: dict[int, ServiceError] = {}
        answer = await self._as(identity).pending_alert_counts(opportunity_ids, per_item=failed)
        return [failed.get(i) or int(count or 0) for i, count in enumerate(answer.result)]

    async def notifications(self, identity: Identity, first: int, after: str | None) -> NotificationsResult:
        return (await self._as(identity).notifications(first, after)).result

    async def unread_count(self, identity: Identity) -> int:
        return (await self._as(identity).unread_count()).result

    async def alert_settings(self, identity: Identity) -> AlertSettingsFields:
        return (await self._as(identity).alert_settings()).result

    async def failed_deliveries(self, identity: Identity, first: int) -> list[DeliveryFields]:
        return list((await self._as(identity).failed_deliveries(first)).result)

    async def mark_read(self, identity: Identity, notification_id: str) -> NotificationFields:
        return (await self._as(identity).mark_read(notification_id)).result

    async def mark_many_read(self, identity: Identity, ids: list[str]) -> int:
        return (await self._as(identity).mark_many_read(ids)).result

    async def mark_all_read(self, identity: Identity) -> int:
        return (await self._as(identity).mark_all_read()).result

    async def update_alert_settings(
        self, identity: Identity, changes: AlertSettingsInput
    ) -> AlertSettingsFields:
        return (await self._as(identity).update_alert_settings(changes)).result

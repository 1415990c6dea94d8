"""The notifications service's GraphQL API as the gateway uses it."""

from __future__ import annotations

from typing import Any

from gateway.adapters.services import ServiceClient, ServiceError
from servicekit.identity import Identity

PENDING_ALERT = "id kind dueAt state ownerId occurrence"
DELIVERY = "notificationId recipientId channel state attempts lastError updatedAt"
NOTIFICATION = (
    f"id kind subject body opportunityIds createdAt dueAt late read readAt deliveries {{ {DELIVERY} }}"
)
ALERT_SETTINGS = (
    "timeZone alertHour overdueReminderDays defaultAlertDaysBeforeClose notifyManager notifyAdmins"
)
PENDING_ALERTS_OF = (
    f"query($ids: [ID!]!) {{ result: pendingAlertsOf(opportunityIds: $ids) {{ {PENDING_ALERT} }} }}"
)
PENDING_ALERT_COUNTS = "query($ids: [ID!]!) { result: pendingAlertCounts(opportunityIds: $ids) }"


class NotificationsApi:
    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    async def _one(self, identity: Identity, query: str, variables: dict[str, Any] | None = None) -> Any:
        data = await self.client.execute(query, variables, identity)
        return data["result"]

    async def pending_alerts(
        self, identity: Identity, opportunity_ids: list[str]
    ) -> list[list[dict[str, Any]] | ServiceError]:
        """Pending alerts of many opportunities in one call; an unknown or forbidden one is its
        ``ServiceError`` in its place."""
        return await self.client.execute_listed(
            PENDING_ALERTS_OF, {"ids": opportunity_ids}, "result", len(opportunity_ids), identity
        )

    async def pending_alert_counts(
        self, identity: Identity, opportunity_ids: list[str]
    ) -> list[int | ServiceError]:
        """How many alerts are pending for each of many opportunities, in one call (a board
        shows the count, so the alerts themselves need not travel)."""
        return await self.client.execute_listed(
            PENDING_ALERT_COUNTS, {"ids": opportunity_ids}, "result", len(opportunity_ids), identity
        )

    async def notifications(self, identity: Identity, first: int, after: str | None) -> dict[str, Any]:
        query = (
            "query($first: Int!, $after: String) { result: notifications(first: $first, after: $after) "
            f"{{ items {{ {NOTIFICATION} }} endCursor hasNextPage }} }}"
        )
        result: dict[str, Any] = await self._one(identity, query, {"first": first, "after": after})
        return result

    async def unread_count(self, identity: Identity) -> int:
        return int(await self._one(identity, "{ result: unreadCount }"))

    async def alert_settings(self, identity: Identity) -> dict[str, Any]:
        result: dict[str, Any] = await self._one(
            identity, f"{{ result: alertSettings {{ {ALERT_SETTINGS} }} }}"
        )
        return result

    async def failed_deliveries(self, identity: Identity, first: int) -> list[dict[str, Any]]:
        query = f"query($first: Int!) {{ result: failedDeliveries(first: $first) {{ {DELIVERY} }} }}"
        result: list[dict[str, Any]] = await self._one(identity, query, {"first": first})
        return result

    async def mark_read(self, identity: Identity, notification_id: str) -> dict[str, Any]:
        query = f"mutation($id: ID!) {{ result: markNotificationRead(id: $id) {{ {NOTIFICATION} }} }}"
        result: dict[str, Any] = await self._one(identity, query, {"id": notification_id})
        return result

    async def mark_many_read(self, identity: Identity, ids: list[str]) -> int:
        query = "mutation($ids: [ID!]!) { result: markNotificationsRead(ids: $ids) }"
        return int(await self._one(identity, query, {"ids": ids}))

    async def mark_all_read(self, identity: Identity) -> int:
        return int(await self._one(identity, "mutation { result: markAllNotificationsRead }"))

    async def update_alert_settings(self, identity: Identity, changes: dict[str, Any]) -> dict[str, Any]:
        query = (
            "mutation($input: AlertSettingsInput!) "
            f"{{ result: updateAlertSettings(input: $input) {{ {ALERT_SETTINGS} }} }}"
        )
        result: dict[str, Any] = await self._one(identity, query, {"input": changes})
        return result

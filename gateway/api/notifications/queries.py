"""The caller's own notifications and the alert settings."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from gateway.api.common.permissions import IsAdmin, IsSignedIn
from gateway.api.context import Context
from gateway.api.notifications.types import AlertSettings, Delivery, NotificationPage
from gateway.api.raw import served


@strawberry.type
class NotificationQueries:
    @strawberry.field(
        permission_classes=[IsSignedIn], description="Your notifications, unread first, then newest."
    )
    async def notifications(
        self, info: Info[Context, None], first: int = 20, after: str | None = None
    ) -> NotificationPage:
        api = info.context.loaders.apis.notifications
        return served(await api.notifications(info.context.caller, first, after))

    @strawberry.field(
        permission_classes=[IsSignedIn], description="How many of your notifications are unread."
    )
    async def unread_notification_count(self, info: Info[Context, None]) -> int:
        return await info.context.loaders.apis.notifications.unread_count(info.context.caller)

    @strawberry.field(permission_classes=[IsSignedIn])
    async def alert_settings(self, info: Info[Context, None]) -> AlertSettings:
        return served(await info.context.loaders.apis.notifications.alert_settings(info.context.caller))

    @strawberry.field(permission_classes=[IsAdmin], description="Deliveries given up after every retry.")
    async def failed_deliveries(self, info: Info[Context, None], first: int = 20) -> list[Delivery]:
        return served(
            await info.context.loaders.apis.notifications.failed_deliveries(info.context.caller, first)
        )

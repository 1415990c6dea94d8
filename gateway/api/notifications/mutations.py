"""Marking one's own notifications read; changing alert settings (administrators)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from gateway.adapters.clients.notifications import input_types
from gateway.api.common.permissions import IsAdmin, IsSignedIn
from gateway.api.context import Context
from gateway.api.notifications.types import AlertSettings, AlertSettingsInput, Notification
from gateway.api.raw import served, to_variables


@strawberry.type
class NotificationMutations:
    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def mark_notification_read(self, info: Info[Context, None], id: strawberry.ID) -> Notification:
        return served(await info.context.loaders.apis.notifications.mark_read(info.context.caller, str(id)))

    @strawberry.mutation(
        permission_classes=[IsSignedIn], description="All or none; returns how many changed."
    )
    async def mark_notifications_read(self, info: Info[Context, None], ids: list[strawberry.ID]) -> int:
        api = info.context.loaders.apis.notifications
        return await api.mark_many_read(info.context.caller, [str(i) for i in ids])

    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def mark_all_notifications_read(self, info: Info[Context, None]) -> int:
        return await info.context.loaders.apis.notifications.mark_all_read(info.context.caller)

    @strawberry.mutation(permission_classes=[IsAdmin])
    async def update_alert_settings(
        self, info: Info[Context, None], input: AlertSettingsInput
    ) -> AlertSettings:
        api = info.context.loaders.apis.notifications
        changes = input_types.AlertSettingsInput.model_validate(to_variables(input))
        return served(await api.update_alert_settings(info.context.caller, changes))

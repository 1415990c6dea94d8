"""Marking notifications read: one, many, or all of the caller's."""

from __future__ import annotations

import strawberry

from services.notifications.api.context import Context
from services.notifications.api.notifications.permissions import own_user_id
from services.notifications.api.notifications.types import Notification


@strawberry.type
class NotificationMutations:
    @strawberry.mutation(description="Mark one of your notifications read; returns it.")
    async def mark_notification_read(
        self, info: strawberry.Info[Context, None], id: strawberry.ID
    ) -> Notification:
        return Notification.from_doc(await info.context.inbox.mark_one_read(own_user_id(info), str(id)))

    @strawberry.mutation(
        description="Mark several of your notifications read (all or none); returns how many changed."
    )
    async def mark_notifications_read(
        self, info: strawberry.Info[Context, None], ids: list[strawberry.ID]
    ) -> int:
        return await info.context.inbox.mark_read(own_user_id(info), [str(i) for i in ids])

    @strawberry.mutation(description="Mark all your notifications read; returns how many changed.")
    async def mark_all_notifications_read(self, info: strawberry.Info[Context, None]) -> int:
        return await info.context.inbox.mark_all_read(own_user_id(info))

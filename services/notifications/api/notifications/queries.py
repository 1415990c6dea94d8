"""Inbox queries: the caller's notifications (unread first, newest first) and unread count."""

from __future__ import annotations

import strawberry

from services.notifications.api.context import Context
from services.notifications.api.notifications.permissions import own_user_id
from services.notifications.api.notifications.types import Notification, NotificationPage


@strawberry.type
class NotificationQueries:
    @strawberry.field(description="Your notifications, unread first, then newest first.")
    async def notifications(
        self, info: strawberry.Info[Context, None], first: int = 20, after: str | None = None
    ) -> NotificationPage:
        page = await info.context.inbox.page(own_user_id(info), first, after)
        return NotificationPage(
            items=[Notification.from_doc(doc) for doc in page.items],
            end_cursor=page.end_cursor,
            has_next_page=page.has_next_page,
        )

    @strawberry.field(description="How many of your notifications are unread.")
    async def unread_count(self, info: strawberry.Info[Context, None]) -> int:
        return await info.context.inbox.unread_count(own_user_id(info))

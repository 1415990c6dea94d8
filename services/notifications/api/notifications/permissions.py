"""Inbox access: a caller reads and marks only their own notifications; the user id always
comes from the verified identity, never from an argument."""

from __future__ import annotations

import strawberry

from services.notifications.api.context import Context


def own_user_id(info: strawberry.Info[Context, None]) -> str:
    return info.context.identity.user_id

"""Alert settings and delivery failures are for administrators."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.permission import BasePermission

from servicekit.graphql import ApiError
from services.notifications.api.context import Context


class IsAdmin(BasePermission):
    message = "Only an administrator can do this."

    def has_permission(self, source: Any, info: strawberry.Info[Context, None], **kwargs: Any) -> bool:
        if not info.context.identity.is_admin:
            # Raised rather than returned so the error keeps its stable code (FORBIDDEN).
            raise ApiError("FORBIDDEN", self.message)
        return True

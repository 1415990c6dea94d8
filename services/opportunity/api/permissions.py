"""Defence in depth: every root field needs the verified identity in the context.

The identity is checked before GraphQL runs (``auth.RequireIdentity``); what a role may see or
change is decided by the use cases (``application/access.py``), never here.
"""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission

from services.opportunity.api.context import Info


class IsAuthenticated(BasePermission):
    message = "Unauthenticated: no verified identity."
    error_extensions = {"code": "UNAUTHENTICATED"}  # noqa: RUF012 (the base declares it per instance)

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return getattr(info.context, "identity", None) is not None


AUTHENTICATED: list[type[BasePermission]] = [IsAuthenticated]

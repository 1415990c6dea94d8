"""Role gates shared by every feature; the rules themselves live in gateway.domain.access."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission
from strawberry.types import Info

from gateway.api.context import Context
from gateway.domain.access import Forbidden


class _RoleGate(BasePermission):
    roles: frozenset[str] = frozenset()
    message = "Your role may not do this."

    def has_permission(self, source: Any, info: Info[Context, None], **kwargs: Any) -> bool:
        # Every request reaching a resolver was authenticated (HTTP guard, WebSocket init).
        identity = info.context.identity
        return identity is not None and identity.role in self.roles

    def on_unauthorized(self) -> None:
        # A coded error, so the error convention reports FORBIDDEN instead of masking it.
        raise Forbidden(self.message or "Your role may not do this.")


class IsAdmin(_RoleGate):
    roles = frozenset({"ADMIN"})
    message = "Only an administrator may do this."


class IsManagerOrAdmin(_RoleGate):
    roles = frozenset({"MANAGER", "ADMIN"})
    message = "Only a manager or an administrator may do this."


class IsSignedIn(_RoleGate):
    roles = frozenset({"REP", "MANAGER", "ADMIN"})

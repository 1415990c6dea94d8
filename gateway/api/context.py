"""The per-request context every resolver receives."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.websockets import WebSocket

from gateway.adapters.services import ServiceClients
from servicekit.graphql import ApiError
from servicekit.identity import Identity

if TYPE_CHECKING:
    from gateway.adapters.feed import EventFeed
    from gateway.adapters.user_status import UserStatus
    from gateway.api.loaders import Loaders


@dataclass
class Context:
    request: Request | WebSocket
    services: ServiceClients
    loaders: Loaders
    feed: EventFeed | None = None
    identity: Identity | None = None
    """Set by the HTTP guard, or in ``connection_init`` for a WebSocket."""
    response: Any = None
    connection_params: dict[str, Any] = field(default_factory=dict)
    """What a WebSocket client sent in ``connection_init`` (strawberry fills it in)."""
    user_status: UserStatus | None = None
    """Who is active and the language they chose, as this gateway knows it."""

    @property
    def caller(self) -> Identity:
        if self.identity is None:
            raise ApiError(
                "UNAUTHENTICATED", "Sign in again: the access token is missing, expired or invalid."
            )
        return self.identity

"""The one place that wires the gateway's adapters together from its settings."""

from __future__ import annotations

from dataclasses import dataclass

from gateway.adapters.services import ServiceClients
from gateway.adapters.tokens import TokenVerifier, token_verifier
from gateway.api.limits.rules import Limits
from gateway.settings import GatewaySettings


def limits_from(settings: GatewaySettings) -> Limits:
    return Limits(
        max_query_bytes=settings.max_query_bytes,
        max_tokens=settings.max_tokens,
        max_depth=settings.max_depth,
        max_aliases=settings.max_aliases,
        max_operations_per_batch=settings.max_operations_per_batch,
        max_first=settings.max_first,
        max_cost=settings.max_cost,
    )


@dataclass
class Runtime:
    """What the lifespan opens and closes; resolvers reach it through the per-request context."""

    settings: GatewaySettings
    verifier: TokenVerifier
    services: ServiceClients

    async def start(self) -> None:
        """Open what needs the running loop (the bus feed, once subscriptions exist)."""

    async def ready(self) -> bool:
        return True

    async def aclose(self) -> None:
        await self.services.aclose()


def open_runtime(settings: GatewaySettings) -> Runtime:
    """Open the service clients (call inside the lifespan: they belong to the running loop)."""
    services = ServiceClients(
        {
            "opportunity": settings.opportunity_url,
            "notifications": settings.notifications_url,
            "reporting": settings.reporting_url,
        },
        secret=settings.internal_secret,
        timeout=settings.service_timeout_seconds,
    )
    return Runtime(settings=settings, verifier=token_verifier(settings), services=services)

"""The one place that wires the gateway's adapters together from its settings."""

from __future__ import annotations

from dataclasses import dataclass

from gateway.adapters.catalogue import CatalogueCache
from gateway.adapters.feed import EventFeed, FeedListener
from gateway.adapters.opportunity_api import changes_catalogues
from gateway.adapters.rate_limits import RateLimiter
from gateway.adapters.services import ServiceClients
from gateway.adapters.tokens import TokenVerifier, token_verifier
from gateway.api.limits.rules import Limits
from gateway.settings import GatewaySettings


def limits_from(settings: GatewaySettings) -> Limits:
    return Limits(
        max_query_chars=settings.max_query_chars,
        max_string_chars=settings.max_string_chars,
        max_request_chars=settings.max_request_chars,
        max_bulk_request_chars=settings.max_bulk_request_chars,
        max_upload_bytes=settings.max_upload_bytes,
        max_tokens=settings.max_tokens,
        max_depth=settings.max_depth,
        max_aliases=settings.max_aliases,
        max_operations_per_batch=settings.max_operations_per_batch,
        max_first=settings.max_first,
        max_cost=settings.max_cost,
    )


def rate_limiter_from(settings: GatewaySettings) -> RateLimiter:
    return RateLimiter(
        per_user=settings.rate_limit_per_user,
        per_address=settings.rate_limit_per_address,
        redis_url=settings.redis_url,
        namespace=settings.rate_limit_namespace,
    )


@dataclass
class Runtime:
    """What the lifespan opens and closes; resolvers reach it through the per-request context."""

    settings: GatewaySettings
    verifier: TokenVerifier
    services: ServiceClients
    feed: EventFeed
    catalogue: CatalogueCache

    async def start(self) -> None:
        self.feed.start()

    async def live_feed(self) -> bool:
        """Whether subscriptions are fed. Reported beside readiness, not in it: queries and
        mutations (through the outbox) work without the broker, so a broker outage must not take
        every gateway out of the load balancer."""
        return self.feed.connected

    async def aclose(self) -> None:
        await self.feed.stop()
        await self.services.aclose()


def open_runtime(settings: GatewaySettings, verifier: TokenVerifier | None = None) -> Runtime:
    """Open the service clients (call inside the lifespan: they belong to the running loop)."""
    services = ServiceClients(
        {
            "opportunity": settings.opportunity_url,
            "notifications": settings.notifications_url,
            "reporting": settings.reporting_url,
        },
        secret=settings.internal_secret,
        timeout=settings.service_timeout_seconds,
        slow_timeout=settings.bulk_timeout_seconds,
    )
    # Opportunity and notification events feed the subscriptions; catalogue events keep the
    # catalogue cache true.
    feed = EventFeed(
        settings.amqp_url,
        settings.exchange,
        bindings=("opportunity.#", "notification.#", "user.#", "pipeline.#", "source.#"),
    )
    catalogue = CatalogueCache(settings.catalogue_ttl_seconds, live=lambda: feed.connected)
    feed.listen(FeedListener(on_event=catalogue.on_event, on_gap=catalogue.invalidate_all))
    services.opportunity.after_mutation.append(
        lambda mutation: catalogue.invalidate_all() if changes_catalogues(mutation) else None
    )
    verifier = verifier or token_verifier(settings)
    return Runtime(settings=settings, verifier=verifier, services=services, feed=feed, catalogue=catalogue)

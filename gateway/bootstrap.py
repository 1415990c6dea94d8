"""The one place that wires the gateway's adapters together from its settings."""

from __future__ import annotations

from dataclasses import dataclass

from contracts.events.catalog import UserChanged
from gateway.adapters.catalogue import CatalogueCache
from gateway.adapters.feed import EventFeed, FeedListener, LiveEvent
from gateway.adapters.opportunity_api import OpportunityApi, changes_catalogues, may_deactivate
from gateway.adapters.rate_limits import RateLimiter
from gateway.adapters.services import ServiceClients
from gateway.adapters.tokens import TokenVerifier, token_verifier
from gateway.adapters.user_status import UserStatus
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
    user_status: UserStatus

    async def start(self) -> None:
        self.feed.start()

    async def live_feed(self) -> bool:
        """Whether subscriptions are fed. Reported beside readiness, not in it: queries and
        mutations (through the outbox) work without the broker, so a broker outage must not take
        every gateway out of the load balancer."""
        return self.feed.connected

    async def aclose(self) -> None:
        await self.feed.stop()
        await self.user_status.aclose()
        await self.services.aclose()


def open_runtime(
    settings: GatewaySettings, verifier: TokenVerifier | None = None, user_status: UserStatus | None = None
) -> Runtime:
    """Open the service clients (call inside the lifespan: they belong to the running loop).
    ``verifier`` should check ``user_status`` (``token_verifier(settings, user_status)``)."""
    services = ServiceClients(
        {
            "opportunity": settings.opportunity_url,
            "notifications": settings.notifications_url,
            "reporting": settings.reporting_url,
        },
        secret=settings.internal_secret.get_secret_value(),
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
    user_status = user_status or UserStatus(settings.user_status_ttl_seconds)
    opportunity = OpportunityApi(services.opportunity)
    user_status.connect(opportunity.user_state, live=lambda: feed.connected)
    feed.listen(FeedListener(on_event=lambda _: None, on_gap=user_status.forget_all,
                             on_parsed=lambda event: _user_event(user_status, event)))  # fmt: skip

    def after_mutation(mutation: str) -> None:
        if changes_catalogues(mutation):
            catalogue.invalidate_all()
        if may_deactivate(mutation):
            user_status.forget_all()

    services.opportunity.after_mutation.append(after_mutation)
    verifier = verifier or token_verifier(settings, user_status)
    return Runtime(
        settings=settings, verifier=verifier, services=services, feed=feed, catalogue=catalogue,
        user_status=user_status,
    )  # fmt: skip


def _user_event(status: UserStatus, event: LiveEvent) -> None:
    if isinstance(event.payload, UserChanged):
        status.on_user(event.payload.user.id, event.payload.user.active, event.payload.user.locale)

"""The three service APIs, real and on real sockets, each with its own test database, and a
gateway in front of them: what the composition and role tests drive over HTTP."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from starlette.applications import Starlette

from gateway.adapters.tokens import issue_local_token
from gateway.entrypoints.app import create_app
from gateway.settings import GatewaySettings
from servicekit.identity import Identity
from tests.integration.gateway._serving import free_port, serving
from tests.support.waiting import wait_until

JWT_SECRET = "a-test-secret-that-is-long-enough-for-hs256"
INTERNAL_SECRET = "a-test-internal-secret-of-at-least-32-bytes"
ADMIN = Identity(user_id="admin-test", role="ADMIN", name="Admin")


@dataclass
class System:
    gateway: Starlette
    settings: GatewaySettings
    http: httpx.AsyncClient
    url: str

    def token(self, identity: Identity) -> str:
        return issue_local_token(self.settings, identity)

    async def ask(
        self, identity: Identity, query: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        response = await self.http.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers={"authorization": f"Bearer {self.token(identity)}"},
        )
        body: dict[str, Any] = response.json()
        return body

    async def data(
        self, identity: Identity, query: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        body = await self.ask(identity, query, variables)
        assert not body.get("errors"), body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    async def wait_for_subscribers(self, count: int) -> None:
        """Until the gateway holds ``count`` live subscriptions (they start a moment after the
        client sends ``subscribe``)."""
        feed = self.gateway.state.runtime.feed

        async def held() -> bool:
            return bool(feed.subscriber_count >= count)

        await wait_until(held, timeout=10, interval=0.01)

    def calls(self) -> dict[str, int]:
        services = self.gateway.state.runtime.services.by_name
        return {name: client.calls["total"] for name, client in services.items()}


@asynccontextmanager
async def running_event_flow(opportunity_settings: Any, notification_settings: Any) -> AsyncIterator[None]:
    """The opportunity outbox relay and the notifications consumer, so notifications learns of
    every opportunity the way it does in production (over the bus)."""
    from servicekit.bus import Consumer
    from services.notifications import bootstrap as notifications
    from services.opportunity.entrypoints import relay

    stop = asyncio.Event()
    storage = await notifications.open_storage(notification_settings)
    consumer = Consumer(
        notification_settings.amqp_url, notification_settings.exchange,
        notifications.event_queue(notification_settings),
        notifications.consumer_handler(storage, notification_settings), name="test-notifications-consumer",
    )  # fmt: skip
    tasks = [
        asyncio.create_task(
            relay.run(opportunity_settings.model_copy(update={"relay_probe_port": free_port()}), stop)
        ),
        asyncio.create_task(consumer.run(stop)),
    ]
    try:
        yield
    finally:
        stop.set()
        await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), 30)
        await storage.close()


@asynccontextmanager
async def running_system(mongodb_url: str, amqp_url: str, *, events: bool = False) -> AsyncIterator[System]:
    from services.notifications.api.app import create_app as notifications_app
    from services.notifications.settings import NotificationSettings
    from services.opportunity.entrypoints.api import create_app as opportunity_app
    from services.opportunity.settings import OpportunitySettings
    from services.reporting.api.app import create_app as reporting_app
    from services.reporting.settings import ReportingSettings

    token = uuid.uuid4().hex[:12]
    common: dict[str, Any] = {
        "mongodb_url": mongodb_url, "amqp_url": amqp_url, "internal_secret": INTERNAL_SECRET,
        "exchange": f"t.{token}.events", "queue_prefix": f"t.{token}.", "log_json": False,
    }  # fmt: skip
    opportunity_settings = OpportunitySettings(**common, database=f"t_{token}_opportunity")
    notification_settings = NotificationSettings(**common, database=f"t_{token}_notifications")
    async with AsyncExitStack() as stack:
        opportunity = await stack.enter_async_context(serving(opportunity_app(opportunity_settings)))
        notifications = await stack.enter_async_context(serving(notifications_app(notification_settings)))
        if events:
            await stack.enter_async_context(running_event_flow(opportunity_settings, notification_settings))
        reporting = await stack.enter_async_context(
            serving(reporting_app(ReportingSettings(**common, database=f"t_{token}_reporting")))
        )
        settings = GatewaySettings(
            jwt_secret=JWT_SECRET, internal_secret=INTERNAL_SECRET, amqp_url=amqp_url,
            exchange=common["exchange"], queue_prefix=common["queue_prefix"],
            opportunity_url=f"{opportunity}/graphql", notifications_url=f"{notifications}/graphql",
            reporting_url=f"{reporting}/graphql", service_timeout_seconds=60,
        )  # fmt: skip
        gateway = create_app(settings)
        gateway_url = await stack.enter_async_context(serving(gateway))
        http = await stack.enter_async_context(httpx.AsyncClient(base_url=gateway_url, timeout=30))

        async def ready() -> bool:  # ready = its live feed is bound to the exchange
            return (await http.get("/health/ready")).status_code == 200

        await wait_until(ready, timeout=30)
        yield System(gateway=gateway, settings=settings, http=http, url=gateway_url)

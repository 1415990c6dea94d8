"""The three service APIs, real and on real sockets, each with its own test database, and a
gateway in front of them: what the composition and role tests drive over HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from starlette.applications import Starlette

from gateway.adapters.tokens import issue_local_token
from gateway.api.app import create_app
from gateway.settings import GatewaySettings
from scripts._processes import ProcessGroup, base_env
from servicekit.i18n import LOCALE_HEADER
from servicekit.identity import IDENTITY_HEADER, Identity, sign_identity
from servicekit.outbox import OutboxRelay
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
    opportunity_database: str = ""
    """The opportunity service's database (a test may relay its outbox itself)."""

    def token(self, identity: Identity) -> str:
        return issue_local_token(self.settings, identity)

    async def ask(
        self,
        identity: Identity,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        accept_language: str = "en",
    ) -> dict[str, Any]:
        """The gateway's answer, in English unless asked otherwise (the tests are written in it)."""
        response = await self.http.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers={"authorization": f"Bearer {self.token(identity)}", "accept-language": accept_language},
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

    async def service_body(
        self, service: str, identity: Identity, query: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """A service's own API, past the gateway (as another writer would change its data)."""
        url = getattr(self.settings, f"{service}_url")
        headers = {IDENTITY_HEADER: sign_identity(identity, INTERNAL_SECRET), LOCALE_HEADER: "en"}
        async with httpx.AsyncClient(timeout=30) as client:
            response = await client.post(
                url, json={"query": query, "variables": variables or {}}, headers=headers
            )
        body: dict[str, Any] = response.json()
        return body

    async def ask_service(
        self, service: str, identity: Identity, query: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        body = await self.service_body(service, identity, query, variables)
        assert not body.get("errors"), body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    def calls(self) -> dict[str, int]:
        services = self.gateway.state.runtime.services.by_name
        return {name: client.calls["total"] for name, client in services.items()}


@asynccontextmanager
async def running_event_flow(opportunity_settings: Any, notification_settings: Any) -> AsyncIterator[None]:
    """The opportunity outbox relay and the notifications consumer, as their own processes, so
    notifications learns of every opportunity the way it does in production (over the bus)."""
    relay_port, consumer_port = free_port(), free_port()
    env = {
        **base_env(),
        "MONGODB_URL": opportunity_settings.mongodb_url, "AMQP_URL": opportunity_settings.amqp_url,
        "EXCHANGE": opportunity_settings.exchange, "QUEUE_PREFIX": opportunity_settings.queue_prefix,
        "INTERNAL_SECRET": INTERNAL_SECRET, "LOG_LEVEL": "WARNING",
        "OPPORTUNITY_DATABASE": opportunity_settings.database, "DATABASE": notification_settings.database,
    }  # fmt: skip
    group = ProcessGroup(log_dir=Path(tempfile.mkdtemp(prefix="gateway-flow-")), env=env)
    group.start(
        "opportunity.relay",
        [sys.executable, "-m", "services.opportunity.entrypoints.relay"],
        {**env, "PORT": str(relay_port)},
    )
    group.start(
        "notifications.consumer",
        [sys.executable, "-m", "services.notifications.entrypoints.consumer"],
        {**env, "PORT": str(consumer_port)},
    )
    try:
        async with httpx.AsyncClient(timeout=2) as probe:

            async def ready() -> bool:
                for port in (relay_port, consumer_port):
                    try:
                        if (await probe.get(f"http://127.0.0.1:{port}/health/ready")).status_code != 200:
                            return False
                    except httpx.HTTPError:
                        return False
                return True

            await wait_until(ready, timeout=60, interval=0.2)
        yield
    finally:
        await asyncio.to_thread(group.stop)


@asynccontextmanager
async def running_system(
    mongodb_url: str,
    amqp_url: str,
    *,
    events: bool = False,
    reporting_database: str | None = None,
    reporting_clock: Callable[[], datetime] | None = None,
    reporting_currency: str | None = None,
    token: str | None = None,
    **gateway_settings: Any,
) -> AsyncIterator[System]:
    """``reporting_database``: a read model the test projected beforehand; ``reporting_clock``:
    the reporting service's "now"; ``reporting_currency``: what its reports convert into;
    ``token`` names the databases and the exchange (``t_<token>_<service>``, ``t.<token>.events``),
    for a test that runs some of a service's processes itself; by default a fresh one."""
    from services.notifications.api.app import create_app as notifications_app
    from services.notifications.settings import NotificationSettings
    from services.opportunity.api.app import create_app as opportunity_app
    from services.opportunity.settings import OpportunitySettings
    from services.reporting.api.app import create_app as reporting_app
    from services.reporting.settings import ReportingSettings

    token = token or uuid.uuid4().hex[:12]
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
        reporting_settings = ReportingSettings(
            **common,
            database=reporting_database or f"t_{token}_reporting",
            reporting_currency=reporting_currency,
            opportunity_graphql_url=f"{opportunity}/graphql",
        )
        clock = {"clock": reporting_clock} if reporting_clock else {}
        reporting = await stack.enter_async_context(serving(reporting_app(reporting_settings, **clock)))
        settings = GatewaySettings(
            jwt_secret=JWT_SECRET, internal_secret=INTERNAL_SECRET, amqp_url=amqp_url,
            exchange=common["exchange"], queue_prefix=common["queue_prefix"],
            opportunity_url=f"{opportunity}/graphql", notifications_url=f"{notifications}/graphql",
            reporting_url=f"{reporting}/graphql", **{"service_timeout_seconds": 60, **gateway_settings},
        )  # fmt: skip
        gateway = create_app(settings)
        gateway_url = await stack.enter_async_context(serving(gateway))
        http = await stack.enter_async_context(httpx.AsyncClient(base_url=gateway_url, timeout=30))

        async def ready() -> bool:  # ready, and its live feed bound to the exchange
            response = await http.get("/health/ready")
            return response.status_code == 200 and response.json()["details"]["liveFeed"]

        await wait_until(ready, timeout=30)
        yield System(
            gateway=gateway,
            settings=settings,
            http=http,
            url=gateway_url,
            opportunity_database=opportunity_settings.database,
        )


@asynccontextmanager
async def relaying_outbox(system: System, mongo_client: Any, amqp_url: str) -> AsyncIterator[None]:
    """The opportunity service's outbox relayed to the system's exchange, in this process."""
    stop = asyncio.Event()
    relay = OutboxRelay(
        mongo_client[system.opportunity_database], amqp_url=amqp_url, exchange=system.settings.exchange,
        name=f"relay-{system.settings.queue_prefix}",
    )  # fmt: skip
    relaying = asyncio.create_task(relay.run(stop))
    try:
        yield
    finally:
        stop.set()
        with contextlib.suppress(Exception):
            await relaying

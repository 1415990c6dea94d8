"""The ASGI app: GraphQL at /graphql and the CSV exports behind the identity check, probes and
metrics beside them. Storage is opened in the lifespan, never at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from servicekit.asgi import CorrelationId, RequireIdentity, identity_in
from servicekit.graphql import OrjsonHttp
from servicekit.i18n import LocaleMiddleware
from servicekit.lifespan import Running
from servicekit.mongo import open_client
from servicekit.probes import mongo_ping, probe_routes
from services.reporting.adapters.opportunity_replay import OpportunityReplay
from services.reporting.adapters.rebuild_runner import RebuildRunner
from services.reporting.api.context import Context
from services.reporting.api.export.routes import export_endpoint
from services.reporting.api.schema import schema
from services.reporting.bootstrap import Clock, Services, build_services, utc_now
from services.reporting.settings import ReportingSettings


@dataclass(frozen=True)
class Opened:
    """What the lifespan opened."""

    client: Any
    services: Services
    rebuilds: RebuildRunner


class ReportingGraphQL(OrjsonHttp, GraphQL[Context, None]):
    def __init__(self, running: Running[Opened]) -> None:
        super().__init__(schema, graphql_ide=None)
        self._running = running

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        opened = self._running.get()
        return Context(identity_in(request), opened.services, opened.rebuilds)


def create_app(settings: ReportingSettings, clock: Clock = utc_now) -> Starlette:
    running: Running[Opened] = Running()

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        client: Any = open_client(settings.mongodb_url)
        http = httpx.AsyncClient()
        replay = OpportunityReplay(
            http, settings.opportunity_graphql_url, settings.internal_secret.get_secret_value()
        )
        rebuilds = RebuildRunner(settings, client, replay)
        running.set(Opened(client, build_services(settings, client, clock), rebuilds))
        try:
            yield
        finally:
            running.clear()
            await rebuilds.close()  # a job cut short is recorded as failed; start another
            await http.aclose()
            await client.close()

    async def mongo_ready() -> bool:
        return running.ready and await mongo_ping(running.get().client)()

    async def is_active(user_id: str) -> bool:
        return await running.get().services.reports.is_active_user(user_id)

    secret = settings.internal_secret.get_secret_value()
    exports: Any = export_endpoint(lambda: running.get().services)
    routes = [
        *probe_routes({"mongodb": mongo_ready}),
        Route(
            "/graphql", RequireIdentity(ReportingGraphQL(running), secret, is_active), methods=["GET", "POST"]
        ),
        Route("/export/{report}.csv", RequireIdentity(exports, secret, is_active), methods=["GET"]),
    ]
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[Middleware(CorrelationId), Middleware(LocaleMiddleware)],
    )

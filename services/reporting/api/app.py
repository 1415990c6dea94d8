"""The ASGI app: GraphQL at /graphql, CSV exports, health and metrics."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from servicekit.active_callers import CallerDeactivated
from servicekit.graphql import ApiError, OrjsonHttp
from servicekit.i18n import LocaleMiddleware
from servicekit.mongo import open_client
from servicekit.probes import mongo_ping, probe_routes
from services.reporting.adapters.opportunity_replay import OpportunityReplay
from services.reporting.adapters.rebuild_runner import RebuildRunner
from services.reporting.api.auth import active_caller_of, error_response, identity_of
from services.reporting.api.context import Context
from services.reporting.api.export.routes import export_csv
from services.reporting.api.schema import schema
from services.reporting.bootstrap import Clock, build_services, utc_now
from services.reporting.settings import ReportingSettings


class ReportingGraphQL(OrjsonHttp, GraphQL[Context, None]):
    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        state = request.app.state
        return Context(identity_of(request), state.services, getattr(state, "rebuilds", None))  # type: ignore[arg-type]


class IdentityRequired:
    """Refuses a call without a valid gateway identity before any resolver runs."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await active_caller_of(Request(scope, receive))
        except (ApiError, CallerDeactivated) as exc:
            await error_response(exc.code, exc.message)(scope, receive, send)
            return
        await self._app(scope, receive, send)


def create_app(settings: ReportingSettings | None = None, clock: Clock = utc_now) -> Starlette:
    settings = settings or ReportingSettings()
    graphql = ReportingGraphQL(schema, graphql_ide=None)

    checks: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        client = open_client(settings.mongodb_url)
        http = httpx.AsyncClient()
        app.state.settings = settings
        app.state.services = build_services(settings, client, clock)
        replay = OpportunityReplay(
            http, settings.opportunity_graphql_url, settings.internal_secret.get_secret_value()
        )
        app.state.rebuilds = rebuilds = RebuildRunner(settings, client, replay)
        checks["mongo"] = mongo_ping(client)
        try:
            yield
        finally:
            await rebuilds.close()  # a job cut short is recorded as failed; start another
            await http.aclose()
            await client.close()

    async def mongo_ready() -> bool:
        return bool(await checks["mongo"]()) if "mongo" in checks else False

    routes = [
        Route("/graphql", IdentityRequired(graphql), methods=["GET", "POST"]),
        Route("/export/{report}.csv", export_csv),
        *probe_routes({"mongo": mongo_ready}),
    ]
    return Starlette(routes=routes, lifespan=lifespan, middleware=[Middleware(LocaleMiddleware)])

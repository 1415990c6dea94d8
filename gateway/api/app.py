"""The ASGI app: the public GraphQL API (HTTP and WebSocket), downloads, exports and the web
console, behind the correlation id, the language and the request guard; probes beside them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route, WebSocketRoute

from gateway.adapters.tokens import token_verifier
from gateway.adapters.user_status import UserStatus
from gateway.api.console import console_routes
from gateway.api.evidence.download import download_endpoint
from gateway.api.limits.http_guard import GraphQLRequestGuard
from gateway.api.reports.export import export_endpoint
from gateway.api.schema import build_schema
from gateway.api.view import GatewayView
from gateway.bootstrap import Runtime, limits_from, open_runtime, rate_limiter_from
from gateway.settings import GatewaySettings
from servicekit.asgi import CorrelationId
from servicekit.i18n import DEFAULT_LOCALE, LocaleMiddleware
from servicekit.lifespan import Running
from servicekit.logs import get_logger
from servicekit.probes import probe_routes

log = get_logger(__name__)

GRAPHQL_PATH = "/graphql"


def create_app(settings: GatewaySettings) -> Starlette:
    schema = build_schema(limits_from(settings), production=settings.production,
                          cache_size=settings.parser_cache_size)  # fmt: skip
    # The verifier opens nothing until the first token asks for keys: made here, shared by the
    # request guard and the WebSocket handshake.
    user_status = UserStatus(settings.user_status_ttl_seconds)
    verifier = token_verifier(settings, user_status)
    rates = rate_limiter_from(settings)
    running: Running[Runtime] = Running()
    view = GatewayView(schema, runtime=None, production=settings.production)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        runtime = open_runtime(settings, verifier, user_status)
        await runtime.start()
        running.set(runtime)
        app.state.runtime = runtime
        view.runtime = runtime
        log.info("gateway ready", production=settings.production)
        try:
            yield
        finally:
            running.clear()
            await runtime.aclose()
            await rates.aclose()

    async def ready() -> bool:  # can serve requests: the services are reached per request
        return running.ready

    async def live_feed() -> bool:
        return running.ready and await running.get().live_feed()

    return Starlette(
        routes=[
            *probe_routes({"runtime": ready}, details={"liveFeed": live_feed}),
            Route(GRAPHQL_PATH, view, methods=["GET", "POST"]),
            Route("/attachments/{attachment_id}", download_endpoint(running.get), methods=["GET"]),
            Route("/export/{report}.csv", export_endpoint(running.get), methods=["GET"]),
            WebSocketRoute(GRAPHQL_PATH, view),
            *console_routes(settings, running.get),  # last: it ends in a catch-all
        ],
        middleware=[
            Middleware(CorrelationId),
            # Where people come in: no language asked is the organisation's default.
            Middleware(LocaleMiddleware, default=DEFAULT_LOCALE),
            Middleware(
                GraphQLRequestGuard,
                path=GRAPHQL_PATH,
                limits=limits_from(settings),
                verifier=verifier,
                rates=rates,
            ),
        ],
        lifespan=lifespan,
    )

"""The gateway process: ``python -m gateway.entrypoints.app``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route, WebSocketRoute

from gateway.adapters.tokens import token_verifier
from gateway.api.console import console_routes
from gateway.api.correlation import CorrelationIdMiddleware
from gateway.api.evidence.download import download_endpoint
from gateway.api.limits.http_guard import GraphQLRequestGuard
from gateway.api.schema import build_schema
from gateway.api.view import GatewayView
from gateway.bootstrap import Runtime, limits_from, open_runtime
from gateway.settings import GatewaySettings
from servicekit.logs import configure_logging, get_logger
from servicekit.probes import probe_routes

log = get_logger(__name__)

GRAPHQL_PATH = "/graphql"


def create_app(settings: GatewaySettings) -> Starlette:
    schema = build_schema(limits_from(settings), production=settings.production,
                          cache_size=settings.parser_cache_size)  # fmt: skip
    # The verifier opens nothing until the first token asks for keys: made here, shared by the
    # request guard and the WebSocket handshake.
    verifier = token_verifier(settings)
    holder: dict[str, Runtime] = {}
    view = GatewayView(schema, runtime=None, production=settings.production)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        runtime = open_runtime(settings, verifier)
        await runtime.start()
        holder["runtime"] = runtime
        app.state.runtime = runtime
        view.runtime = runtime
        log.info("gateway ready", port=settings.port, production=settings.production)
        try:
            yield
        finally:
            await runtime.aclose()

    async def ready() -> bool:
        runtime = holder.get("runtime")
        return runtime is not None and await runtime.ready()

    return Starlette(
        routes=[
            *probe_routes({"runtime": ready}),
            Route(GRAPHQL_PATH, view, methods=["GET", "POST"]),
            Route(
                "/attachments/{attachment_id}", download_endpoint(lambda: holder["runtime"]), methods=["GET"]
            ),
            WebSocketRoute(GRAPHQL_PATH, view),
            *console_routes(settings, lambda: holder["runtime"]),  # last: it ends in a catch-all
        ],
        middleware=[
            Middleware(CorrelationIdMiddleware),
            Middleware(
                GraphQLRequestGuard, path=GRAPHQL_PATH, limits=limits_from(settings), verifier=verifier
            ),
        ],
        lifespan=lifespan,
    )


def main() -> None:
    settings = GatewaySettings()
    configure_logging("gateway", settings.log_level, json=settings.log_json)
    uvicorn.run(
        create_app(settings), host=settings.host, port=settings.port,
        log_config=None, access_log=False,
    )  # fmt: skip


if __name__ == "__main__":
    main()

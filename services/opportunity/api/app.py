"""The ASGI app: GraphQL at /graphql and attachment downloads behind the identity check, probes
and metrics beside them.

The lifespan opens the MongoDB client and, in the background (the probes answer meanwhile, not
ready), creates the indexes and seeds the default pipeline, retrying until the database answers;
it closes the client on the way out.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route, request_response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from servicekit import startup
from servicekit.asgi import CorrelationId, RequireIdentity, identity_in
from servicekit.graphql import OrjsonHttp
from servicekit.i18n import LocaleMiddleware
from servicekit.lifespan import Running
from servicekit.mongo import open_client
from servicekit.probes import mongo_ping, probe_routes
from servicekit.reconnect import retry
from services.opportunity.api.context import Context
from services.opportunity.api.evidence.download import download_endpoint
from services.opportunity.api.schema import build_schema
from services.opportunity.application.access import is_active_caller
from services.opportunity.application.import_opportunities import resume_unfinished_imports
from services.opportunity.bootstrap import Wiring, prepare, wire
from services.opportunity.settings import OpportunitySettings


class OpportunityGraphQL(OrjsonHttp, GraphQL[Context, None]):
    def __init__(self, running: Running[Wiring]) -> None:
        super().__init__(
            build_schema(), graphql_ide=None, allow_queries_via_get=False, multipart_uploads_enabled=True
        )
        self._running = running

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        wiring = self._running.get()
        return Context(
            identity=identity_in(request), ports=wiring.ports, now=wiring.ports.clock(), work=wiring.work
        )


def create_app(settings: OpportunitySettings) -> Starlette:
    running: Running[Wiring] = Running()

    async def mongo_ready() -> bool:
        return await mongo_ping(running.get().client)()

    async def start(wiring: Wiring) -> None:
        async def prepared() -> list[str]:
            await prepare(wiring)
            async with startup.step("unfinished imports"):
                return await wiring.work.imports.unfinished_ids()

        unfinished = await retry(prepared, what="mongodb")
        resume_unfinished_imports(unfinished, wiring.ports, wiring.work)
        running.set(wiring)

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        client = open_client(settings.mongodb_url)
        wiring = wire(settings, client)
        try:
            async with startup.in_background(start(wiring), "opportunity-api start-up"):
                yield
        finally:
            running.clear()
            await wiring.work.background.close()
            await client.close()

    async def is_active(user_id: str) -> bool:
        return await is_active_caller(running.get().ports.users, user_id)

    secret = settings.internal_secret.get_secret_value()
    graphql: Any = RequireIdentity(OpportunityGraphQL(running), secret, is_active)
    download: Any = RequireIdentity(
        request_response(download_endpoint(lambda: (running.get().ports, running.get().work))),
        secret,
        is_active,
    )
    routes = [
        *probe_routes({"mongodb": mongo_ready}),
        Route("/graphql", graphql, methods=["GET", "POST"]),
        Route("/attachments/{attachment_id}", download, methods=["GET"]),
    ]
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[Middleware(CorrelationId), Middleware(LocaleMiddleware)],
    )

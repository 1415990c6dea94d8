"""The ASGI app: GraphQL at /graphql behind the identity check, probes and metrics beside it.
Storage is opened in the lifespan, never at import time."""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from functools import partial
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.dataloader import DataLoader

from servicekit import startup
from servicekit.active_callers import IsActive, deactivated_response, kept_for
from servicekit.graphql import OrjsonHttp
from servicekit.i18n import LocaleMiddleware
from servicekit.identity import IDENTITY_HEADER, Identity, InvalidIdentity, verify_identity
from servicekit.logs import CORRELATION_HEADER, correlation_id, new_correlation_id
from servicekit.probes import mongo_ping, probe_routes
from services.notifications import bootstrap
from services.notifications.adapters.clock import SystemClock
from services.notifications.adapters.mongo_reads import MongoScheduleReader
from services.notifications.api.context import Context
from services.notifications.api.schema import schema
from services.notifications.application.ports import Clock
from services.notifications.domain.access import Viewer
from services.notifications.settings import NotificationSettings


class NotificationsGraphQL(OrjsonHttp, GraphQL[Context, None]):
    def __init__(self, settings: NotificationSettings, clock: Clock) -> None:
        super().__init__(schema, graphql_ide=None)
        self._settings = settings
        self._clock = clock
        self.storage: bootstrap.Storage | None = None

    async def get_context(self, request: Any, response: Any) -> Context:
        if self.storage is None:
            raise RuntimeError("the app's lifespan has not opened storage")
        identity: Identity = request.scope["pipewise.identity"]
        viewer = Viewer(identity.user_id, identity.role, identity.team)
        inbox, alerts = bootstrap.api_use_cases(self.storage, self._clock)
        return Context(
            identity=identity,
            inbox=inbox,
            alerts=alerts,
            deliveries=DataLoader(load_fn=inbox.deliveries_of),
            # A key's error (not found, forbidden) is raised from that key's ``load`` alone.
            pending_alerts=DataLoader(load_fn=partial(alerts.pending_alerts, viewer)),
        )


class RequireIdentity:
    """Refuses any GraphQL request without a valid gateway-signed identity (401 with the
    UNAUTHENTICATED code) or from a deactivated user (403, ACCOUNT_DEACTIVATED), and carries the
    correlation id into the logs."""

    def __init__(self, app: ASGIApp, secret: str, is_active: IsActive) -> None:
        self._app = app
        self._secret = secret
        self._is_active = is_active

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        request = Request(scope)
        try:
            scope["pipewise.identity"] = verify_identity(request.headers.get(IDENTITY_HEADER), self._secret)
        except InvalidIdentity as exc:
            body = {
                "errors": [
                    {"message": f"Not authenticated: {exc}.", "extensions": {"code": "UNAUTHENTICATED"}}
                ]
            }
            await Response(json.dumps(body), 401, media_type="application/json")(scope, receive, send)
            return
        if not await self._is_active(scope["pipewise.identity"].user_id):
            await deactivated_response()(scope, receive, send)
            return
        token = correlation_id.set(request.headers.get(CORRELATION_HEADER) or new_correlation_id())
        try:
            await self._app(scope, receive, send)
        finally:
            correlation_id.reset(token)


def create_app(settings: NotificationSettings, clock: Clock | None = None) -> Starlette:
    graphql = NotificationsGraphQL(settings, clock or SystemClock())

    async def storage_ready() -> bool:
        return graphql.storage is not None and await mongo_ping(graphql.storage.client)()

    async def start() -> None:
        graphql.storage = await bootstrap.open_storage(settings)  # retried until MongoDB answers

    async def read_is_active(user_id: str) -> bool:
        if graphql.storage is None:
            raise RuntimeError("the app's lifespan has not opened storage")
        return await MongoScheduleReader(graphql.storage.db).is_active_user(user_id)

    is_active = kept_for(2.0, read_is_active)

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        try:
            # In the background: the probes answer (not ready) while the database is away.
            async with startup.in_background(start(), "notifications-api start-up"):
                yield
        finally:
            if graphql.storage is not None:
                await graphql.storage.close()
            graphql.storage = None

    routes = [
        *probe_routes({"mongodb": storage_ready}),
        Route(
            "/graphql",
            RequireIdentity(graphql, settings.internal_secret.get_secret_value(), is_active),
            methods=["GET", "POST"],
        ),
    ]
    return Starlette(routes=routes, lifespan=lifespan, middleware=[Middleware(LocaleMiddleware)])

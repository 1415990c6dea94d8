"""The ASGI app: GraphQL at /graphql behind the identity check, probes and metrics beside it.
Storage is opened in the lifespan, never at import time."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from functools import partial
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route
from strawberry.asgi import GraphQL
from strawberry.dataloader import DataLoader

from servicekit import startup
from servicekit.active_callers import kept_for
from servicekit.asgi import CorrelationId, RequireIdentity, identity_in
from servicekit.graphql import OrjsonHttp
from servicekit.i18n import LocaleMiddleware
from servicekit.lifespan import Running
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
    def __init__(self, running: Running[bootstrap.Storage], clock: Clock) -> None:
        super().__init__(schema, graphql_ide=None)
        self._running = running
        self._clock = clock

    async def get_context(self, request: Any, response: Any) -> Context:
        storage = self._running.get()
        identity = identity_in(request)
        viewer = Viewer(identity.user_id, identity.role, identity.team)
        inbox, alerts = bootstrap.api_use_cases(storage, self._clock)
        return Context(
            identity=identity,
            inbox=inbox,
            alerts=alerts,
            deliveries=DataLoader(load_fn=inbox.deliveries_of),
            # A key's error (not found, forbidden) is raised from that key's ``load`` alone.
            pending_alerts=DataLoader(load_fn=partial(alerts.pending_alerts, viewer)),
        )


def create_app(settings: NotificationSettings, clock: Clock | None = None) -> Starlette:
    running: Running[bootstrap.Storage] = Running()

    async def storage_ready() -> bool:
        return running.ready and await mongo_ping(running.get().client)()

    async def start() -> None:
        running.set(await bootstrap.open_storage(settings))  # retried until MongoDB answers

    async def read_is_active(user_id: str) -> bool:
        return await MongoScheduleReader(running.get().db).is_active_user(user_id)

    is_active = kept_for(2.0, read_is_active)

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        try:
            # In the background: the probes answer (not ready) while the database is away.
            async with startup.in_background(start(), "notifications-api start-up"):
                yield
        finally:
            if running.ready:
                await running.get().close()
            running.clear()

    graphql = NotificationsGraphQL(running, clock or SystemClock())
    secret = settings.internal_secret.get_secret_value()
    routes = [
        *probe_routes({"mongodb": storage_ready}),
        Route("/graphql", RequireIdentity(graphql, secret, is_active), methods=["GET", "POST"]),
    ]
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[Middleware(CorrelationId), Middleware(LocaleMiddleware)],
    )

"""The GraphQL HTTP and WebSocket endpoint: builds the typed context for each request."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UNSET, UnsetType

from gateway.adapters.tokens import TokenVerifier
from gateway.api.context import Context
from gateway.api.loaders import Loaders
from gateway.domain.claims import AuthenticationFailed
from servicekit.graphql import OrjsonHttp


class GatewayView(OrjsonHttp, GraphQL[Context, None]):
    def __init__(self, schema: Any, *, runtime: Any, production: bool) -> None:
        super().__init__(
            schema,
            graphql_ide=None if production else "graphiql",
            allow_queries_via_get=not production,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            # Evidence files come as GraphQL multipart requests; bearer tokens (not cookies) make
            # them safe from cross-site forgery.
            multipart_uploads_enabled=True,
            connection_init_wait_timeout=timedelta(seconds=10),
        )
        self.runtime = runtime

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        identity = request.scope.get("state", {}).get("identity")
        services = self.runtime.services
        return Context(
            request=request,
            response=response,
            services=services,
            loaders=Loaders.for_request(services, identity, self.runtime.catalogue),
            feed=getattr(self.runtime, "feed", None),
            identity=identity,
        )

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """A WebSocket authenticates once, in ``connection_init``: {"authorization": "Bearer ..."};
        a missing or bad token closes it with 4403."""
        params = context.connection_params
        verifier: TokenVerifier = self.runtime.verifier
        raw = ""
        if isinstance(params, dict):
            raw = str(params.get("authorization") or params.get("Authorization") or "")
        scheme, _, token = raw.partition(" ")
        try:
            if scheme.lower() != "bearer" or not token:
                raise AuthenticationFailed("no bearer token")
            identity = await verifier.verify(token.strip())
        except AuthenticationFailed as exc:
            raise ConnectionRejectionError({"code": exc.code, "message": exc.message}) from exc
        context.identity = identity
        if isinstance(context.request, WebSocket):
            self.runtime.user_status.watch(identity.user_id, context.request)
        context.loaders = Loaders.for_request(self.runtime.services, identity, self.runtime.catalogue)
        return UNSET

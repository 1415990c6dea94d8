"""The GraphQL HTTP and WebSocket endpoint: builds the typed context for each request."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UNSET, UnsetType

from gateway.adapters.tokens import TokenVerifier
from gateway.api.context import Context
from gateway.api.limits.http_guard import graphql_error
from gateway.api.loaders import Loaders
from gateway.domain.claims import AuthenticationFailed
from servicekit.graphql import OrjsonHttp
from servicekit.logs import get_logger

log = get_logger(__name__)


class _Unreadable(HTTPException):
    """A request the view cannot read, with the code its GraphQL-shaped answer carries."""

    def __init__(self, status_code: int, code: str, reason: str) -> None:
        super().__init__(status_code, reason)
        self.code = code


_CODES_BY_STATUS = {400: "BAD_REQUEST", 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED", 413: "QUERY_TOO_LARGE"}


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

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """strawberry answers a request it cannot read (not JSON, a multipart part over its size)
        in plain text; clients read every refusal the same way, as a GraphQL error with a code."""
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        try:
            response = await self.run(Request(scope=scope, receive=receive))
        except HTTPException as exc:
            code = getattr(exc, "code", None) or _CODES_BY_STATUS.get(exc.status_code, "BAD_REQUEST")
            log.info("request refused", code=code, reason=exc.reason)
            response = graphql_error(exc.status_code, code, exc.reason)
        await response(scope, receive, send)

    async def parse_multipart(self, request: AsyncHTTPRequestAdapter) -> dict[str, str]:
        try:
            return await super().parse_multipart(request)
        except StarletteHTTPException as exc:
            # Raised by Starlette's form parser; its messages state its limits, which we never echo.
            if "maximum size" in str(exc.detail):
                raise _Unreadable(413, "QUERY_TOO_LARGE", "The request is too large.") from exc
            raise _Unreadable(400, "BAD_REQUEST", "The multipart request could not be read.") from exc

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
            user_status=getattr(self.runtime, "user_status", None),
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

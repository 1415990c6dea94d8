"""Checks made on the raw HTTP request, before any GraphQL work: body size, the request's size in
characters, batch size, each query's length, the caller's access token, and the request rates
per client address and per user. A refusal is a GraphQL-shaped JSON error with a stable code."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.datastructures import Headers, QueryParams
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket

from gateway.adapters.rate_limits import Key, RateLimiter
from gateway.adapters.tokens import TokenVerifier
from gateway.api.limits.inputs import decoded_size, is_bulk_request
from gateway.api.limits.rules import Limits
from gateway.domain.claims import AuthenticationFailed
from servicekit.i18n import localize_message
from servicekit.logs import get_logger

log = get_logger(__name__)


def graphql_error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(
        {"data": None, "errors": [{"message": localize_message(message), "extensions": {"code": code}}]},
        status,
    )


_TOO_LARGE_MESSAGE = "The request is too large."


class _Refused(Exception):
    def __init__(self, response: JSONResponse) -> None:
        self.response = response


class GraphQLRequestGuard:
    """ASGI middleware in front of the GraphQL endpoint. The authenticated identity goes to
    ``scope["state"]["identity"]``; a WebSocket is only counted against its address here (it
    authenticates in ``connection_init``)."""

    def __init__(
        self, app: ASGIApp, *, path: str, limits: Limits, verifier: TokenVerifier, rates: RateLimiter
    ) -> None:
        self.app = app
        self.path = path
        self.limits = limits
        self.verifier = verifier
        self.rates = rates

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket" and scope["path"].rstrip("/") == self.path:
            await self._open_websocket(scope, receive, send)
            return
        if scope["type"] != "http" or scope["path"].rstrip("/") != self.path:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        is_ide_page = scope["method"] == "GET" and b"query=" not in scope.get("query_string", b"")
        if is_ide_page:
            await self.app(scope, receive, send)
            return
        try:
            # The address first, before the body is read or a token checked: a flood costs little.
            await self._check_rate("address", _client_address(scope))
            body = await self._read_body(scope, headers, receive)
            self._check_operations(scope, headers, body)
            identity = await self._authenticate(headers)
            await self._check_rate("user", identity.user_id)
        except _Refused as refused:
            await refused.response(scope, receive, send)
            return
        scope.setdefault("state", {})["identity"] = identity
        await self.app(scope, _replay(body), send)

    async def _open_websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        """A subscription's handshake counts against its address like any request; its token
        comes later, in ``connection_init``."""
        try:
            await self._check_rate("address", _client_address(scope))
        except _Refused as refused:
            socket = WebSocket(scope, receive, send)
            if "websocket.http.response" in scope.get("extensions", {}):
                await socket.send_denial_response(refused.response)
            else:
                await socket.close(code=1013)  # "try again later"
            return
        await self.app(scope, receive, send)

    async def _read_body(self, scope: Scope, headers: Headers, receive: Receive) -> bytes:
        # Reading stops at the byte ceiling, so a huge body is never buffered whole.
        ceiling = self.limits.max_body_bytes
        if headers.get("content-type", "").startswith("multipart/form-data"):
            ceiling = self.limits.max_upload_bytes  # files for evidence
        if len(scope.get("query_string", b"")) > self.limits.max_body_bytes:
            raise _Refused(_too_large())
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > ceiling:
            raise _Refused(_too_large())
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > ceiling:
                raise _Refused(_too_large())
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    def _check_operations(self, scope: Scope, headers: Headers, body: bytes) -> None:
        """The operations' count and sizes in characters, once decoded (the schema extensions
        check each string and the cost)."""
        if scope["method"] == "GET":
            operations: Any = {"query": QueryParams(scope.get("query_string", b"")).get("query")}
        elif headers.get("content-type", "").startswith("application/json"):
            try:
                operations = orjson.loads(body)
            except orjson.JSONDecodeError:
                return  # the view answers malformed JSON itself
        else:
            return  # multipart: bounded by the upload limit; the extensions check its strings
        # A body no longer in bytes than the character limit cannot be longer in characters.
        if len(body) > self.limits.max_request_chars:
            size = decoded_size(operations)
            if size > self.limits.max_request_chars and not (
                size <= self.limits.max_bulk_request_chars
                and is_bulk_request(operations, self.limits.max_tokens)
            ):
                raise _Refused(_too_large())
        if isinstance(operations, list) and len(operations) > self.limits.max_operations_per_batch:
            raise _Refused(graphql_error(400, "TOO_MANY_OPERATIONS", "Too many operations in one request."))
        for operation in operations if isinstance(operations, list) else [operations]:
            query = operation.get("query") if isinstance(operation, dict) else None
            if isinstance(query, str) and len(query) > self.limits.max_query_chars:
                raise _Refused(_too_large())

    async def _check_rate(self, key: Key, value: str) -> None:
        retry_after = await self.rates.retry_after(key, value)
        if retry_after is not None:
            log.info("request refused: rate limited", key=key)
            response = graphql_error(429, "RATE_LIMITED", "Too many requests; wait a moment and try again.")
            response.headers["retry-after"] = str(retry_after)
            raise _Refused(response)

    async def _authenticate(self, headers: Headers) -> Any:
        scheme, _, token = headers.get("authorization", "").partition(" ")
        try:
            if scheme.lower() != "bearer" or not token.strip():
                raise AuthenticationFailed("no bearer token")
            return await self.verifier.verify(token.strip())
        except AuthenticationFailed as exc:
            log.info("request refused: not authenticated", reason=exc.reason)
            response = graphql_error(401, exc.code, exc.message)
            response.headers["www-authenticate"] = "Bearer"
            raise _Refused(response) from exc


def _client_address(scope: Scope) -> str:
    # The peer as the server reports it; behind a proxy, uvicorn takes it from X-Forwarded-For
    # when the proxy is trusted (FORWARDED_ALLOW_IPS).
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def _too_large() -> JSONResponse:
    return graphql_error(413, "QUERY_TOO_LARGE", _TOO_LARGE_MESSAGE)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive

"""The middleware every HTTP process shares: the correlation id (the gateway's and every
service's) and, in the services, the identity the gateway signed."""

from __future__ import annotations

import re

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from servicekit.active_callers import IsActive, deactivated_response
from servicekit.identity import IDENTITY_HEADER, Identity, IdentityVerifier, InvalidIdentity
from servicekit.logs import CORRELATION_HEADER, correlation_id, new_correlation_id

IDENTITY_KEY = "pipewise.identity"
"""Where ``RequireIdentity`` leaves the verified ``Identity`` in the ASGI scope."""

_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class CorrelationId:
    """Gives every request the caller's correlation id (a new one when it sends none, or one that
    does not look like an id: it ends up in logs and headers), which the logs, the calls to other
    services and the events published meanwhile carry, and returns it in the response header."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get(CORRELATION_HEADER, "")
        cid = given if _ACCEPTABLE.match(given) else new_correlation_id()
        token = correlation_id.set(cid)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[CORRELATION_HEADER] = cid
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            correlation_id.reset(token)


class RequireIdentity:
    """A service's routes answer only calls carrying the identity the gateway signed (else 401,
    ``UNAUTHENTICATED``) for a user who is not deactivated (else 403, ``ACCOUNT_DEACTIVATED``);
    the verified ``Identity`` is left in the scope (``identity_in``)."""

    def __init__(self, app: ASGIApp, secret: str, is_active: IsActive) -> None:
        self.app = app
        self.verifier = IdentityVerifier(secret)
        self.is_active = is_active

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            identity = self.verifier.verify(Headers(scope=scope).get(IDENTITY_HEADER))
        except InvalidIdentity as exc:
            body = {
                "data": None,
                "errors": [
                    {"message": f"Unauthenticated: {exc}.", "extensions": {"code": "UNAUTHENTICATED"}}
                ],
            }
            await JSONResponse(body, status_code=401)(scope, receive, send)
            return
        if not await self.is_active(identity.user_id):
            await deactivated_response()(scope, receive, send)
            return
        scope[IDENTITY_KEY] = identity
        await self.app(scope, receive, send)


def identity_in(connection: HTTPConnection | Scope) -> Identity:
    """The identity ``RequireIdentity`` verified for this request."""
    scope = connection.scope if isinstance(connection, HTTPConnection) else connection
    identity: Identity = scope[IDENTITY_KEY]
    return identity

"""Every GraphQL request must carry the identity the gateway signed; others get 401. A caller the
identity names who has been deactivated gets 403, however valid the signature."""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from servicekit.active_callers import IsActive, deactivated_response
from servicekit.identity import IDENTITY_HEADER, InvalidIdentity, verify_identity

SCOPE_KEY = "pipewise.identity"


class RequireIdentity:
    """ASGI middleware for the GraphQL route: verifies ``x-pipewise-identity`` and leaves the
    ``Identity`` in the scope for ``get_context``."""

    def __init__(self, app: ASGIApp, secret: str, is_active: IsActive) -> None:
        self.app = app
        self.secret = secret
        self.is_active = is_active

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        token = headers.get(IDENTITY_HEADER.encode())
        try:
            identity = verify_identity(token.decode() if token else None, self.secret)
        except InvalidIdentity as exc:
            body = {
                "errors": [{"message": f"Unauthenticated: {exc}.", "extensions": {"code": "UNAUTHENTICATED"}}]
            }
            await JSONResponse(body, status_code=401)(scope, receive, send)
            return
        if not await self.is_active(identity.user_id):
            await deactivated_response()(scope, receive, send)
            return
        scope[SCOPE_KEY] = identity
        await self.app(scope, receive, send)

"""The gateway-signed identity on every request, and errors in the API's one shape."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from servicekit.active_callers import ACCOUNT_DEACTIVATED, CallerDeactivated
from servicekit.graphql import ApiError
from servicekit.identity import IDENTITY_HEADER, Identity, InvalidIdentity, verify_identity

STATUS = {
    "UNAUTHENTICATED": 401,
    "FORBIDDEN": 403,
    ACCOUNT_DEACTIVATED: 403,
    "NOT_FOUND": 404,
    "SERVICE_UNAVAILABLE": 503,
}


def identity_of(request: Request) -> Identity:
    try:
        return verify_identity(
            request.headers.get(IDENTITY_HEADER),
            request.app.state.settings.internal_secret.get_secret_value(),
        )
    except InvalidIdentity as exc:
        raise ApiError("UNAUTHENTICATED", "A valid gateway identity is required.") from exc


async def active_caller_of(request: Request) -> Identity:
    """The verified identity, refused when it names a user who was deactivated."""
    identity = identity_of(request)
    if not await request.app.state.services.reports.is_active_user(identity.user_id):
        raise CallerDeactivated()
    return identity


def error_response(code: str, message: str) -> JSONResponse:
    return JSONResponse(
        {"data": None, "errors": [{"message": message, "extensions": {"code": code}}]},
        status_code=STATUS.get(code, 400),
    )

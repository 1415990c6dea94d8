"""``GET /console/config.json``: what the console needs to know before anyone signs in."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from gateway.settings import GatewaySettings


def dev_sign_in_available(settings: GatewaySettings) -> bool:
    """Local runs only: the gateway mints tokens itself, which it can only do with the HS256
    secret, and never in production mode."""
    return not settings.production and settings.jwt_algorithm == "HS256" and settings.console_dev_sign_in


def console_config(settings: GatewaySettings) -> dict[str, object]:
    oidc = None
    if settings.oidc_issuer and settings.oidc_client_id:
        oidc = {
            "issuer": settings.oidc_issuer,
            "clientId": settings.oidc_client_id,
            "scopes": settings.oidc_scopes,
        }
    return {"oidc": oidc, "devSignIn": dev_sign_in_available(settings), "production": settings.production}


def config_endpoint(settings: GatewaySettings) -> Callable[[Request], Awaitable[Response]]:
    body = console_config(settings)

    async def config(_request: Request) -> Response:
        return JSONResponse(body, headers={"cache-control": "no-cache"})

    return config

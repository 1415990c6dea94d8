"""Local runs' "sign in as": the seeded users, and a token for the one picked.

Routed only outside production mode (see ``config.dev_sign_in_available``). The users are read
from the opportunity service as the system, the token is the same kind ``scripts.issue_token``
prints: a developer could mint either anyway with the local secret.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from gateway.adapters.clients.opportunity.active_users import ActiveUsersResult
from gateway.adapters.clients.opportunity.client import Client
from gateway.adapters.services import ServiceError
from gateway.adapters.tokens import issue_local_token
from gateway.api.limits.http_guard import graphql_error
from gateway.settings import GatewaySettings
from servicekit.identity import SYSTEM, Identity

if TYPE_CHECKING:
    from gateway.bootstrap import Runtime

_NO_STORE = {"cache-control": "no-store"}


async def _active_users(runtime: Runtime) -> list[ActiveUsersResult]:
    return list((await Client(runtime.services.opportunity, SYSTEM).active_users()).result)


def dev_users_endpoint(runtime: Callable[[], Runtime]) -> Callable[[Request], Awaitable[Response]]:
    async def users(_request: Request) -> Response:
        try:
            listed = await _active_users(runtime())
        except ServiceError as exc:
            return graphql_error(503, exc.code, exc.message)
        return JSONResponse({"users": [u.model_dump(mode="json") for u in listed]}, headers=_NO_STORE)

    return users


def dev_token_endpoint(
    settings: GatewaySettings, runtime: Callable[[], Runtime]
) -> Callable[[Request], Awaitable[Response]]:
    async def token(request: Request) -> Response:
        try:
            asked = await request.json()
        except ValueError:
            asked = None
        user_id = asked.get("userId") if isinstance(asked, dict) else None
        if not isinstance(user_id, str) or not user_id:
            return graphql_error(400, "BAD_USER_INPUT", 'Send {"userId": "..."}.')
        try:
            user = next((u for u in await _active_users(runtime()) if u.id == user_id), None)
        except ServiceError as exc:
            return graphql_error(503, exc.code, exc.message)
        if user is None:
            return graphql_error(404, "NOT_FOUND", "No active user has that id.")
        identity = Identity(user_id=user.id, role=user.role.value, team=user.team, name=user.name)
        return JSONResponse(
            {"token": issue_local_token(settings, identity), "expiresIn": settings.jwt_ttl_seconds},
            headers=_NO_STORE,
        )

    return token

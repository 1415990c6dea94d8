"""``GET /export/{report}.csv``: a report as a CSV file for a caller with a valid bearer token,
scoped exactly as the report's GraphQL query is (administrators: any team; managers: their own
team, whatever they ask for; reps: refused), and fetched from the reporting service, which
renders it.

Query parameters: ``from``, ``to`` (ISO 8601 date-times with a zone), ``pipeline``, ``team``, and
``encoding``: ``utf-8`` (default, with a byte-order mark) or ``big5`` (Excel in Taiwan opens
either)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import httpx
from starlette.requests import Request
from starlette.responses import Response

if TYPE_CHECKING:
    from gateway.bootstrap import Runtime
from gateway.api.limits.http_guard import graphql_error
from gateway.domain.claims import AuthenticationFailed
from servicekit.i18n import LOCALE_HEADER, current_locale
from servicekit.identity import IDENTITY_HEADER, Identity, sign_identity
from servicekit.logs import CORRELATION_HEADER, correlation_id

_PASSED_PARAMETERS = ("from", "to", "pipeline", "team", "encoding")
_PASSED_HEADERS = ("content-type", "content-disposition")


def report_team(identity: Identity, asked: str | None) -> str | None:
    """The team a report is held to, as the GraphQL reports hold it: a manager sees their own
    team's (a manager without a team, nobody's)."""
    if identity.is_manager:
        return identity.team or f"no-team:{identity.user_id}"
    return asked


def export_endpoint(runtime: Callable[[], Runtime]) -> Callable[[Request], Awaitable[Response]]:
    async def export(request: Request) -> Response:
        live = runtime()
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        try:
            if scheme.lower() != "bearer" or not token:
                raise AuthenticationFailed("no bearer token")
            identity = await live.verifier.verify(token.strip())
        except AuthenticationFailed as exc:
            return graphql_error(401, exc.code, exc.message)
        if not (identity.is_admin or identity.is_manager):
            return graphql_error(403, "FORBIDDEN", "Reports are for managers and administrators.")
        params = {k: v for k, v in request.query_params.items() if k in _PASSED_PARAMETERS and v}
        team = report_team(identity, params.pop("team", None))
        if team is not None:
            params["team"] = team
        client = live.services.reporting
        base = client.url.rsplit("/graphql", 1)[0]
        headers = {
            IDENTITY_HEADER: sign_identity(identity, live.settings.internal_secret.get_secret_value()),
            LOCALE_HEADER: current_locale.get(),
        }
        if cid := correlation_id.get():
            headers[CORRELATION_HEADER] = cid
        try:
            upstream = await client.http.get(
                f"{base}/export/{request.path_params['report']}.csv", params=params, headers=headers
            )
        except httpx.HTTPError:
            return graphql_error(
                503, "SERVICE_UNAVAILABLE", "The reporting service is not answering; try again shortly."
            )
        passed = {k: v for k, v in upstream.headers.items() if k.lower() in _PASSED_HEADERS}
        return Response(upstream.content, status_code=upstream.status_code, headers=passed)

    return export

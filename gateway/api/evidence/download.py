"""``GET /attachments/{id}``: a file, streamed from the opportunity service to a caller with a
valid bearer token; the service checks the caller may see the opportunity it belongs to."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

if TYPE_CHECKING:
    from gateway.bootstrap import Runtime
from gateway.api.limits.http_guard import graphql_error
from gateway.domain.claims import AuthenticationFailed
from servicekit.identity import IDENTITY_HEADER, sign_identity
from servicekit.logs import CORRELATION_HEADER, correlation_id

_PASSED_HEADERS = ("content-type", "content-length", "content-disposition", "etag", "cache-control")


def download_endpoint(runtime: Callable[[], Runtime]) -> Callable[[Request], Awaitable[Response]]:
    async def download(request: Request) -> Response:
        live = runtime()
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        try:
            if scheme.lower() != "bearer" or not token:
                raise AuthenticationFailed("no bearer token")
            identity = await live.verifier.verify(token.strip())
        except AuthenticationFailed as exc:
            return graphql_error(401, exc.code, exc.message)
        client = live.services.opportunity
        base = client.url.rsplit("/graphql", 1)[0]
        headers = {IDENTITY_HEADER: sign_identity(identity, live.settings.internal_secret.get_secret_value())}
        if cid := correlation_id.get():
            headers[CORRELATION_HEADER] = cid
        upstream_request = client.http.build_request(
            "GET", f"{base}/attachments/{request.path_params['attachment_id']}", headers=headers
        )
        upstream = await client.http.send(upstream_request, stream=True)
        if upstream.status_code != 200:
            body = await upstream.aread()
            await upstream.aclose()
            return Response(
                body, status_code=upstream.status_code, media_type=upstream.headers.get("content-type")
            )
        passed = {k: v for k, v in upstream.headers.items() if k.lower() in _PASSED_HEADERS}
        return StreamingResponse(
            upstream.aiter_bytes(), headers=passed, background=BackgroundTask(upstream.aclose)
        )

    return download

"""``GET /attachments/{id}``: the file's bytes, streamed from GridFS, for a caller who may see the
opportunity (the identity header is verified as for GraphQL; others get 404, so ids do not leak)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from servicekit.asgi import identity_in
from services.opportunity.application.evidence import open_attachment
from services.opportunity.application.ports import Ports
from services.opportunity.application.work_ports import WorkPorts
from services.opportunity.domain.errors import NotFound


def download_endpoint(
    ports_of: Callable[[], tuple[Ports, WorkPorts]],
) -> Callable[[Request], Awaitable[Response]]:
    async def download(request: Request) -> Response:
        ports, work = ports_of()
        attachment_id = request.path_params["attachment_id"]
        try:
            stored = await open_attachment(identity_in(request), attachment_id, ports, work)
        except NotFound as exc:
            return JSONResponse({"errors": [{"message": exc.message, "extensions": {"code": exc.code}}]}, 404)
        headers = {
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(stored.filename)}",
            "Content-Length": str(stored.size),
            "X-Content-Type-Options": "nosniff",
            "ETag": f'"{stored.sha256}"',
        }
        return StreamingResponse(
            work.attachments.chunks(stored.id), media_type=stored.content_type, headers=headers
        )

    return download

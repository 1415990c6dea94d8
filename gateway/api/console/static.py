"""The built console (``web/dist``): hashed assets cached for a year, ``index.html`` never
cached, and every client route (``/board``, ``/opportunities/...``) answered with ``index.html``
so a reload or a shared link opens the right screen.

The document carries a strict Content-Security-Policy: scripts and styles from this origin only
(the build emits no inline script), and connections to this origin over HTTP and WebSocket, plus
the identity provider when one is configured.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response

from gateway.settings import GatewaySettings

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:]+\](:\d{1,5})?$")
# Paths that belong to the API, never to the client router: unknown ones there are 404s.
_NOT_CLIENT_ROUTES = ("console/", "assets/", "graphql", "health/", "metrics", "attachments/")


def content_security_policy(host: str | None, identity_provider: str | None) -> str:
    connect = ["'self'"]
    if host and _HOST.match(host):
        # 'self' covers ws: and wss: in current browsers; named too for older ones.
        connect += [f"ws://{host}", f"wss://{host}"]
    if identity_provider:
        parts = urlsplit(identity_provider)
        connect.append(f"{parts.scheme}://{parts.netloc}")
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: blob:",
            "font-src 'self'",
            f"connect-src {' '.join(connect)}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class ConsoleFiles:
    """A Starlette endpoint for ``/{path:path}``, matched after every other route."""

    def __init__(self, root: Path, settings: GatewaySettings) -> None:
        self._root = root.resolve()
        self._issuer = settings.oidc_issuer

    async def __call__(self, scope: object, receive: object, send: object) -> None:
        request = Request(scope, receive)  # type: ignore[arg-type]
        response = self._respond(request)
        await response(scope, receive, send)  # type: ignore[arg-type]

    def _respond(self, request: Request) -> Response:
        path = request.path_params.get("path", "")
        if request.method not in ("GET", "HEAD"):
            return PlainTextResponse("Not found", 404)
        index = self._root / "index.html"
        if not index.is_file():
            return PlainTextResponse(
                "The console is not built: run `make dev`, or `npm run build` in web/.", 503
            )
        found = self._file(path)
        if found is not None:
            hashed = path.startswith("assets/")
            return FileResponse(found, headers={"cache-control": IMMUTABLE if hashed else REVALIDATE})
        if path.startswith(_NOT_CLIENT_ROUTES) or "." in path.rsplit("/", 1)[-1]:
            return PlainTextResponse("Not found", 404)
        return FileResponse(
            index,
            media_type="text/html",
            headers={
                "cache-control": REVALIDATE,
                "content-security-policy": content_security_policy(request.headers.get("host"), self._issuer),
                "x-content-type-options": "nosniff",
                "referrer-policy": "same-origin",
            },
        )

    def _file(self, path: str) -> Path | None:
        if not path or path == "index.html":
            return None
        candidate = (self._root / path).resolve()
        if not candidate.is_relative_to(self._root) or not candidate.is_file():
            return None
        return candidate

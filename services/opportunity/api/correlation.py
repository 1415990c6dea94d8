"""Carry the caller's correlation id (or a new one) through logs and published events."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from servicekit.logs import CORRELATION_HEADER, correlation_id, new_correlation_id


class CorrelationId:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        raw = headers.get(CORRELATION_HEADER.encode())
        token = correlation_id.set(raw.decode()[:100] if raw else new_correlation_id())
        try:
            await self.app(scope, receive, send)
        finally:
            correlation_id.reset(token)

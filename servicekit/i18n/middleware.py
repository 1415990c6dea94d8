"""Sets ``current_locale`` for each request a process serves."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from servicekit.i18n.locales import LOCALE_HEADER, current_locale, negotiate, normalize_locale


class LocaleMiddleware:
    """The gateway's ``x-pipewise-locale`` when it sent one, else the ``Accept-Language``.

    The gateway replaces the language with the caller's own setting once it knows who calls
    (``gateway.api.language``); this is the fallback for everyone else."""

    def __init__(self, app: ASGIApp, default: str | None = None) -> None:
        self.app = app
        self.default = default
        """Neither header: this language, or (None) the process's own, the organisation's default
        unless the process was told otherwise (the test suite speaks English)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        fallback = self.default or current_locale.get()
        locale = normalize_locale(headers.get(LOCALE_HEADER)) or negotiate(
            headers.get("accept-language"), fallback
        )
        token = current_locale.set(locale)
        try:
            await self.app(scope, receive, send)
        finally:
            current_locale.reset(token)

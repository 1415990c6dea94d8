"""The gateway's JSON POSTs to one service, over aiohttp's kept-alive connection pool.

Every board makes a call to two services; per call aiohttp costs about a tenth of the CPU httpx
does (its parser is compiled), which is most of what the gateway spends on a call. httpx stays
for what the gateway streams (multipart uploads, downloads).
"""

from __future__ import annotations

from dataclasses import dataclass

import aiohttp

IDLE_SECONDS = 3.0
"""How long an idle connection is kept: less than the services' keep-alive time-out (uvicorn
closes after 5 s), so a connection is not reused just as the service closes it."""

MAX_OPEN = 100
"""Connections open at once to one service; further calls wait for one to be free."""


class CallFailed(Exception):
    """The call did not complete: refused, reset, timed out or answered with broken HTTP."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes


class ServiceHttp:
    """POSTs to one service URL over kept-alive connections. The session is opened on first use,
    inside the running event loop that will use it."""

    def __init__(self, url: str, *, timeout: float, connect_timeout: float, max_open: int = MAX_OPEN) -> None:
        self._url = url
        # ``total`` includes waiting for a free connection, as a caller would expect.
        self._timeout = aiohttp.ClientTimeout(total=timeout, connect=connect_timeout)
        self._max_open = max_open
        self._session: aiohttp.ClientSession | None = None

    async def post(
        self, body: bytes, headers: list[tuple[str, str]], *, retry_stale: bool, timeout: float | None = None
    ) -> Answer:
        """POST ``body`` (JSON). ``retry_stale``: when a kept connection turns out closed before
        an answer came, send once more (safe for a read only: the service may have seen it).
        ``timeout``: this call's own, instead of the usual one."""
        limit = (
            self._timeout
            if timeout is None
            else aiohttp.ClientTimeout(total=timeout, connect=self._timeout.connect)
        )
        for attempt in (1, 2):
            try:
                async with self._open().post(
                    self._url,
                    data=body,
                    headers=[("content-type", "application/json"), *headers],
                    timeout=limit,
                ) as response:
                    return Answer(response.status, await response.read())
            except aiohttp.ServerDisconnectedError as exc:
                if not (retry_stale and attempt == 1):
                    raise CallFailed(repr(exc)) from exc
            except (aiohttp.ClientError, TimeoutError) as exc:
                raise CallFailed(repr(exc)) from exc
        raise AssertionError("unreachable: the second attempt returns or raises")

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def _open(self) -> aiohttp.ClientSession:
        if self._session is None:
            connector = aiohttp.TCPConnector(limit=self._max_open, keepalive_timeout=IDLE_SECONDS)
            self._session = aiohttp.ClientSession(
                connector=connector,
                timeout=self._timeout,
                auto_decompress=False,
                skip_auto_headers=("User-Agent",),
            )
        return self._session

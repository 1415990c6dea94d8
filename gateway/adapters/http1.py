"""A small HTTP/1.1 client for the gateway's JSON calls to one service: connections kept alive
and reused, the protocol handled by h11.

Every board makes a call to two services, and httpx spends more CPU per call in its own layers
(request and response models, connection-pool bookkeeping, anyio locks) than the gateway spends
on the rest of the call. httpx stays for what this does not do (multipart uploads, streamed
downloads).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import h11

IDLE_SECONDS = 3.0
"""How long an idle connection is kept: less than the services' keep-alive time-out (uvicorn
closes after 5 s), so a connection is not reused just as the service closes it."""

MAX_IDLE = 32
MAX_OPEN = 100
"""Connections open at once to one service; further calls wait for one to be free."""


class CallFailed(Exception):
    """The call did not complete: refused, reset, timed out or answered with broken HTTP."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.protocol = h11.Connection(our_role=h11.CLIENT)
        self.idle_since = time.monotonic()

    @property
    def usable(self) -> bool:
        """Idle, not closed by the service, and not about to be."""
        return (
            not self.reader.at_eof()
            and not self.writer.is_closing()
            and time.monotonic() - self.idle_since < IDLE_SECONDS
        )

    def close(self) -> None:
        self.writer.close()


class ServiceHttp:
    """POSTs to one service URL over kept-alive connections."""

    def __init__(self, url: str, *, timeout: float, connect_timeout: float, max_open: int = MAX_OPEN) -> None:
        parts = urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"only plain http service URLs are supported: {url}")
        self._host = parts.hostname
        self._port = parts.port or 80
        self._target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self._host_header = parts.netloc
        self._timeout = timeout
        self._connect_timeout = connect_timeout
        self._idle: list[_Connection] = []
        self._open = asyncio.Semaphore(max_open)

    async def post(self, body: bytes, headers: list[tuple[str, str]], *, retry_stale: bool) -> Answer:
        """POST ``body`` (JSON). ``retry_stale``: when a reused connection turns out closed before
        any answer came, send once more on a new one (safe for a read; the service never saw it
        or never answered it)."""
        try:
            async with asyncio.timeout(self._timeout):  # waiting for a free connection counts too
                await self._open.acquire()
        except TimeoutError as exc:
            raise CallFailed("no connection to the service came free in time") from exc
        try:
            connection = self._take_idle()
            if connection is not None:
                try:
                    return await self._exchange(connection, body, headers)
                except _NothingReceived as exc:
                    if not retry_stale:
                        raise CallFailed(str(exc)) from exc
            return await self._exchange(await self._connect(), body, headers)
        finally:
            self._open.release()

    async def aclose(self) -> None:
        for connection in self._idle:
            connection.close()
        self._idle.clear()

    def _take_idle(self) -> _Connection | None:
        while self._idle:
            connection = self._idle.pop()
            if connection.usable:
                return connection
            connection.close()
        return None

    async def _connect(self) -> _Connection:
        try:
            async with asyncio.timeout(self._connect_timeout):
                reader, writer = await asyncio.open_connection(self._host, self._port)
        except (OSError, TimeoutError) as exc:
            raise CallFailed(f"cannot connect: {exc!r}") from exc
        return _Connection(reader, writer)

    async def _exchange(self, connection: _Connection, body: bytes, headers: list[tuple[str, str]]) -> Answer:
        protocol = connection.protocol
        received = False
        try:
            async with asyncio.timeout(self._timeout):
                request = h11.Request(
                    method="POST",
                    target=self._target,
                    headers=[
                        ("host", self._host_header),
                        ("content-type", "application/json"),
                        ("content-length", str(len(body))),
                        *headers,
                    ],
                )
                events = (request, h11.Data(data=body), h11.EndOfMessage())
                connection.writer.write(b"".join(protocol.send(event) or b"" for event in events))
                await connection.writer.drain()
                status = 0
                chunks: list[bytes] = []
                while True:
                    event = protocol.next_event()
                    if event is h11.NEED_DATA:
                        data = await connection.reader.read(65536)
                        received = received or bool(data)
                        protocol.receive_data(data)  # b"" is the end of the stream
                    elif isinstance(event, h11.Response):
                        status = event.status_code
                    elif isinstance(event, h11.Data):
                        chunks.append(bytes(event.data))
                    elif isinstance(event, h11.EndOfMessage):
                        break
                    elif isinstance(event, h11.ConnectionClosed):
                        raise ConnectionResetError("closed before the answer ended")
        except (OSError, h11.ProtocolError, TimeoutError) as exc:
            connection.close()
            if not received and not isinstance(exc, TimeoutError):
                raise _NothingReceived(repr(exc)) from exc
            raise CallFailed(repr(exc)) from exc
        except BaseException:
            connection.close()  # cancelled mid-call: the connection's state is unknown
            raise
        self._keep(connection)
        return Answer(status, b"".join(chunks))

    def _keep(self, connection: _Connection) -> None:
        protocol = connection.protocol
        if protocol.our_state is h11.DONE and protocol.their_state is h11.DONE and len(self._idle) < MAX_IDLE:
            protocol.start_next_cycle()
            connection.idle_since = time.monotonic()
            self._idle.append(connection)
        else:
            connection.close()


class _NothingReceived(CallFailed):
    """The connection failed before any byte of an answer came back."""

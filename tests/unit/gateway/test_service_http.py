"""The gateway's HTTP client for service calls, against small servers on real sockets."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import pytest

from gateway.adapters.service_http import CallFailed, ServiceHttp

Handler = Callable[[int, int, asyncio.StreamReader, asyncio.StreamWriter], Awaitable[bool]]
"""(connection number, request number on it, reader, writer) -> keep the connection open?"""


async def _read_request(reader: asyncio.StreamReader) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length")
    )
    return await reader.readexactly(length)


async def answer(writer: asyncio.StreamWriter, body: bytes) -> None:
    writer.write(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n" % len(body)
    )
    writer.write(body)
    await writer.drain()


@asynccontextmanager
async def server(handler: Handler) -> AsyncIterator[tuple[str, list[int]]]:
    """A server on a free port; yields its URL and the number of requests per connection."""
    per_connection: list[int] = []

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        number = len(per_connection)
        per_connection.append(0)
        try:
            while True:
                await _read_request(reader)
                per_connection[number] += 1
                if not await handler(number, per_connection[number], reader, writer):
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    listening = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = listening.sockets[0].getsockname()[1]
    async with listening:
        yield f"http://127.0.0.1:{port}/graphql", per_connection


def client(url: str, timeout: float = 5.0) -> ServiceHttp:
    return ServiceHttp(url, timeout=timeout, connect_timeout=2.0)


async def test_calls_one_after_another_reuse_one_connection():
    async def echo(_c: int, n: int, _r: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        await answer(writer, b'{"n": %d}' % n)
        return True

    async with server(echo) as (url, per_connection):
        http = client(url)
        answers = [await http.post(b"{}", [("x-test", "1")], retry_stale=False) for _ in range(3)]
        await http.aclose()
    assert [(a.status, a.body) for a in answers] == [
        (200, b'{"n": 1}'),
        (200, b'{"n": 2}'),
        (200, b'{"n": 3}'),
    ]
    assert per_connection == [3]


async def test_a_kept_connection_closed_without_an_answer_is_retried_for_a_read_only():
    async def once_per_connection(
        _c: int, n: int, _r: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> bool:
        if n > 1:
            return False  # reads the second request, then closes without answering
        await answer(writer, b"{}")
        return True

    async with server(once_per_connection) as (url, per_connection):
        http = client(url)
        await http.post(b"{}", [], retry_stale=False)
        assert (await http.post(b"{}", [], retry_stale=True)).status == 200  # sent again on a new one
        with pytest.raises(CallFailed):
            await http.post(b"{}", [], retry_stale=False)  # a mutation is not sent twice
        await http.aclose()
    assert per_connection == [2, 2]


async def test_a_service_that_does_not_answer_in_time_fails_the_call_at_the_time_out():
    async def never(_c: int, _n: int, reader: asyncio.StreamReader, _w: asyncio.StreamWriter) -> bool:
        await reader.read()  # until the client gives up
        return False

    async with server(never) as (url, _):
        http = client(url, timeout=0.3)
        started = time.monotonic()
        with pytest.raises(CallFailed):
            await http.post(b"{}", [], retry_stale=True)
        await http.aclose()
    assert time.monotonic() - started < 2


async def test_a_call_waiting_for_a_free_connection_fails_at_the_time_out_too():
    async def never(_c: int, _n: int, reader: asyncio.StreamReader, _w: asyncio.StreamWriter) -> bool:
        await reader.read()
        return False

    async with server(never) as (url, _):
        http = ServiceHttp(url, timeout=0.3, connect_timeout=2.0, max_open=1)
        first = asyncio.create_task(http.post(b"{}", [], retry_stale=True))
        await asyncio.sleep(0.05)  # the one connection is taken
        started = time.monotonic()
        with pytest.raises(CallFailed):
            await http.post(b"{}", [], retry_stale=True)
        assert time.monotonic() - started < 1
        with pytest.raises(CallFailed):
            await first
        await http.aclose()


async def test_a_service_that_is_not_listening_fails_the_call():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    http = client(f"http://127.0.0.1:{port}/graphql")
    with pytest.raises(CallFailed):
        await http.post(b"{}", [], retry_stale=True)
    await http.aclose()


async def test_concurrent_calls_each_get_their_own_answer():
    async def slow_echo(c: int, n: int, _r: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        await asyncio.sleep(0.01)
        await answer(writer, b'{"connection": %d}' % c)
        return True

    async with server(slow_echo) as (url, per_connection):
        http = client(url)
        answers = await asyncio.gather(*(http.post(b"{}", [], retry_stale=False) for _ in range(5)))
        await http.aclose()
    assert sorted(a.body for a in answers) == sorted(b'{"connection": %d}' % i for i in range(5))
    assert per_connection == [1] * 5

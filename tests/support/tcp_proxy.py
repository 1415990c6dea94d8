"""A small TCP proxy to a real server (RabbitMQ, MongoDB), opened and closed by a test.

Closed, it listens nowhere and has cut every connection it carried: to its clients, the server
is down or the network is cut, while the shared server itself keeps running for everyone else.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from tests.conftest import free_port


class TcpProxy:
    def __init__(self, target_host: str, target_port: int, port: int | None = None) -> None:
        self.target = (target_host, target_port)
        self.port = port or free_port()
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()

    @property
    def is_open(self) -> bool:
        return self._server is not None

    def url_for(self, url: str) -> str:
        """``url`` (amqp://user:pass@host:port/vhost) with its host and port replaced by the proxy's."""
        scheme, rest = url.split("://", 1)
        credentials, _, tail = rest.rpartition("@")
        path = tail.partition("/")[2]
        return f"{scheme}://{credentials + '@' if credentials else ''}127.0.0.1:{self.port}/{path}"

    async def open(self) -> None:
        if self._server is None:
            self._server = await asyncio.start_server(self._accept, "127.0.0.1", self.port)

    async def close(self) -> None:
        """Stop listening and cut every connection carried so far."""
        if self._server is not None:
            self._server.close()
            self._server = None
        for writer in list(self._writers):
            writer.transport.abort()
        for pipe in list(self._pipes):
            pipe.cancel()
        await asyncio.gather(*self._pipes, return_exceptions=True)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self._writers |= {writer, upstream_writer}
        for source, sink in ((reader, upstream_writer), (upstream_reader, writer)):
            pipe = asyncio.ensure_future(self._pipe(source, sink))
            self._pipes.add(pipe)
            pipe.add_done_callback(self._pipes.discard)

    async def _pipe(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        try:
            while data := await source.read(65536):
                sink.write(data)
                await sink.drain()
        except (OSError, asyncio.IncompleteReadError):
            pass
        finally:
            self._writers.discard(sink)
            sink.transport.abort()


@contextlib.asynccontextmanager
async def proxy_to(url: str, *, default_port: int, opened: bool = True) -> AsyncIterator[TcpProxy]:
    """A proxy to the server of ``url`` (host:port after any credentials), open or not yet."""
    hostport = url.split("://", 1)[1].rpartition("@")[2].split("/")[0].split("?")[0]
    host, _, port = hostport.partition(":")
    proxy = TcpProxy(host, int(port or default_port))
    if opened:
        await proxy.open()
    try:
        yield proxy
    finally:
        await proxy.close()

"""What every worker-style process does the same way: stop on SIGINT/SIGTERM, serve probes
while the work runs, and stop the probes cleanly when the work ends (for any reason)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable, Iterator, Mapping

import uvicorn
from starlette.applications import Starlette

from servicekit.probes import ReadinessCheck, probe_routes


class _ProbeServer(uvicorn.Server):
    """A uvicorn server that leaves the signals to the process (which stops it itself)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def quiet_broker_client_logs() -> None:
    """pika (under dramatiq) logs every connection step at INFO; keep warnings only."""
    logging.getLogger("pika").setLevel(logging.WARNING)


def stop_on_signals(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)


async def run_with_probes(
    work: Callable[[asyncio.Event], Awaitable[None]],
    *,
    host: str,
    port: int,
    checks: Mapping[str, ReadinessCheck],
) -> None:
    """Run ``work(stop)`` beside ``/health/live``, ``/health/ready`` and ``/metrics``."""
    stop = asyncio.Event()
    stop_on_signals(stop)
    app = Starlette(routes=probe_routes(checks))
    server = _ProbeServer(uvicorn.Config(app, host=host, port=port, log_config=None, access_log=False))
    probes = asyncio.create_task(server.serve())
    try:
        await work(stop)
    finally:
        server.should_exit = True
        await probes

"""What every worker-style process does the same way: stop on SIGINT/SIGTERM, serve probes
while the work runs, and stop the probes when the work ends (for any reason)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable, Mapping

from servicekit.probes import ReadinessCheck, serve_probes


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
    stop = asyncio.Event()
    stop_on_signals(stop)
    probes = asyncio.create_task(serve_probes(host, port, checks))
    try:
        await work(stop)
    finally:
        probes.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await probes

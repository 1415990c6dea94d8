"""Start-up steps that say so when they take long, and start-up work done in the background.

A process that waits on the database while it starts (index preparation, a seed, a migration)
looks, from outside, like one that hangs: its readiness probe never answers and, at the usual
log level, it writes nothing. Each step run under ``step`` logs a warning every ``every``
seconds while it lasts, naming itself, so an operator (or a test's logs) shows what it waits on.

An HTTP app runs its start-up work ``in_background``: if the work takes long it serves its
probes meanwhile, answering not-ready until the work is done, instead of holding its lifespan
(and its port) while it waits for a database that may come back only later.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Coroutine
from typing import Any

from servicekit.logs import get_logger

log = get_logger(__name__)

BACKGROUND_AFTER = 10.0
"""Seconds an app's start-up work may take before the app serves its probes meanwhile."""


@contextlib.asynccontextmanager
async def step(name: str, every: float = 20.0) -> AsyncIterator[None]:
    started = time.monotonic()

    async def warn() -> None:
        while True:
            await asyncio.sleep(every)
            log.warning("start-up step still running", step=name, seconds=round(time.monotonic() - started))

    watcher = asyncio.create_task(warn())
    try:
        yield
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher


@contextlib.asynccontextmanager
async def in_background(
    work: Coroutine[Any, Any, None], name: str, wait_first: float = BACKGROUND_AFTER
) -> AsyncIterator[None]:
    """Run ``work`` (which retries what it needs, see ``servicekit.reconnect``) and enter the
    body once it is done or ``wait_first`` seconds have passed, whichever comes first: with its
    dependencies up, an app serves nothing before it is prepared; with them down, it serves its
    probes (not ready) while ``work`` goes on. ``work`` is cancelled if the body ends first; a
    failure it does not retry is logged."""

    def report(task: asyncio.Task[None]) -> None:
        if not task.cancelled() and (error := task.exception()) is not None:
            log.error("start-up failed", step=name, exc_info=error)

    task = asyncio.create_task(work, name=name)
    task.add_done_callback(report)
    try:
        await asyncio.wait({task}, timeout=wait_first)
        if not task.done():
            log.warning("serving probes while start-up goes on", step=name)
        yield
    finally:
        task.cancel()
        with contextlib.suppress(BaseException):
            await task

"""Start-up steps that say so when they take long.

A process that waits on the database while it starts (index preparation, a seed, a migration)
looks, from outside, like one that hangs: its readiness probe never answers and, at the usual
log level, it writes nothing. Each step run under ``step`` logs a warning every ``every``
seconds while it lasts, naming itself, so an operator (or a test's logs) shows what it waits on.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator

from servicekit.logs import get_logger

log = get_logger(__name__)


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

"""Wait on a condition with a deadline instead of sleeping a fixed time."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable


async def wait_until(
    predicate: Callable[[], Awaitable[bool]], timeout: float, interval: float = 0.05
) -> None:
    """Poll ``predicate`` until it returns True; raise ``TimeoutError`` after ``timeout`` seconds.
    Polling, because the condition lives in another process (a broker, a database)."""
    async with asyncio.timeout(timeout):
        while not await predicate():  # noqa: ASYNC110
            await asyncio.sleep(interval)

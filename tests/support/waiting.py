"""Wait on a condition with a deadline instead of sleeping a fixed time."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable

from pydantic import BaseModel

from contracts.envelope import CloudEvent
from servicekit.bus import Handler


async def wait_until(
    predicate: Callable[[], Awaitable[bool] | bool], timeout: float, interval: float = 0.05
) -> None:
    """Poll ``predicate`` until it holds; raise ``TimeoutError`` after ``timeout`` seconds.
    Polling, because the condition lives elsewhere (another process, a task of this one). The
    predicate may be a coroutine function (a query) or a plain one (a flag, a count)."""
    async with asyncio.timeout(timeout):
        while not await _holds(predicate):  # noqa: ASYNC110
            await asyncio.sleep(interval)


async def _holds(predicate: Callable[[], Awaitable[bool] | bool]) -> bool:
    outcome = predicate()
    return bool(await outcome) if inspect.isawaitable(outcome) else bool(outcome)


async def moment_before(condition: Callable[[], bool], timeout: float, interval: float = 0.001) -> float:
    """``time.perf_counter()`` at the last check that found ``condition`` false (or at the first
    check, if it was already true): never later than the moment it became true, so a rate timed
    from it is never flattered. For conditions this process sets, such as a consumer subscribing."""
    last = time.perf_counter()
    async with asyncio.timeout(timeout):
        while not condition():
            last = time.perf_counter()
            await asyncio.sleep(interval)
    return last


class Countdown:
    """Counts the events a consumer's handler has applied; ``finished`` is set, in the same step
    as the last one, once ``expected`` were: a benchmark waits on it instead of polling a count.
    It adds no task of its own per event (the consumer adds none to a batching handler's)."""

    def __init__(self, expected: int) -> None:
        self.expected = expected
        self.applied = 0
        self.finished = asyncio.Event()

    def counting(self, handler: Handler) -> Handler:
        def counted(event: CloudEvent, payload: BaseModel) -> asyncio.Future[None]:
            handled = asyncio.ensure_future(handler(event, payload))
            handled.add_done_callback(self._count)
            return handled

        return counted

    def _count(self, handled: asyncio.Future[None]) -> None:
        if handled.cancelled() or handled.exception() is not None:
            return
        self.applied += 1
        if self.applied >= self.expected:
            self.finished.set()

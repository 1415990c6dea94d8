"""Coming back: every process's way of (re)connecting to MongoDB and RabbitMQ, with backoff.

A process started while the database or the broker is down, or that loses one later, keeps
trying with growing pauses instead of exiting (an orchestrator that restarts a crashed process
only adds its own, longer, backoff); its readiness probe answers not-ready meanwhile. The pauses
have jitter, so a fleet that lost the broker together does not knock on it in step, and start
again from the shortest once a connection has lasted.

- ``retry(attempt)``: start-up work (indexes, a first ping) run until it succeeds once.
- ``keep_connected(session)``: a connection's whole life (consume, relay, feed) run again and
  again until the process stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from servicekit.logs import get_logger

log = get_logger(__name__)

T = TypeVar("T")


class Stopped(Exception):
    """The process was asked to stop while it was still waiting for a dependency."""


@dataclass(frozen=True)
class Backoff:
    """Pauses between attempts: ``first`` seconds, then ``factor`` times longer up to
    ``longest``, each shortened by up to a quarter at random (jitter)."""

    first: float = 0.5
    longest: float = 10.0
    factor: float = 2.0

    def delay(self, failures: int) -> float:
        """The pause after ``failures`` attempts in a row have failed (1 or more)."""
        base = min(self.longest, self.first * self.factor ** max(0, failures - 1))
        return base * random.uniform(0.75, 1.0)


DEFAULT_BACKOFF = Backoff()


async def pause(stop: asyncio.Event | None, seconds: float) -> bool:
    """Wait ``seconds``, or less if ``stop`` is set meanwhile; True when stopped."""
    if stop is None:
        await asyncio.sleep(seconds)
        return False
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    return stop.is_set()


async def retry(
    attempt: Callable[[], Awaitable[T]],
    *,
    what: str,
    stop: asyncio.Event | None = None,
    backoff: Backoff = DEFAULT_BACKOFF,
) -> T:
    """``await attempt()`` until it returns, pausing longer after each failure; each failure is
    logged as a warning naming ``what`` is awaited. Raises ``Stopped`` if ``stop`` is set first."""
    failures = 0
    while True:
        if stop is not None and stop.is_set():
            raise Stopped(what)
        try:
            result = await attempt()
        except Exception as exc:
            failures += 1
            delay = backoff.delay(failures)
            log.warning("waiting for a dependency", dependency=what, attempt=failures,
                        retry_in=round(delay, 2), error=repr(exc)[:300])  # fmt: skip
            if await pause(stop, delay):
                raise Stopped(what) from exc
            continue
        if failures:
            log.info("dependency reached", dependency=what, attempts=failures + 1)
        return result


async def keep_connected(
    session: Callable[[asyncio.Event], Awaitable[None]],
    *,
    what: str,
    stop: asyncio.Event,
    backoff: Backoff = DEFAULT_BACKOFF,
    lasting: float = 10.0,
) -> None:
    """Run ``session(stop)`` (connect, work, return when the connection ends) until ``stop`` is
    set, starting it again after it ends or fails. Pauses grow while sessions keep failing, and
    start again from the shortest after one that lasted ``lasting`` seconds."""
    failures = 0
    while not stop.is_set():
        started = time.monotonic()
        try:
            await session(stop)
        except Exception as exc:  # any failure: start over rather than die or hang
            log.warning("interrupted; reconnecting", dependency=what, error=repr(exc)[:300])
        if stop.is_set():
            return
        failures = 1 if time.monotonic() - started >= lasting else failures + 1
        await pause(stop, backoff.delay(failures))

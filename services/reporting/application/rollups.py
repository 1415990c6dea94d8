"""Keep the month rollups current: recompute the ones the projection marked, every few seconds.

Any consumer replica may do it; two doing the same rollup at once is harmless (see the store).
Until a rollup is rebuilt, reports compute that month from the opportunities, so the interval
trades database work against report speed, never against correctness.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Protocol

from pymongo.errors import PyMongoError

from servicekit.logs import get_logger

log = get_logger(__name__)


class RollupBuilder(Protocol):
    async def build_rollups(self) -> int:
        """Recompute every dirty rollup; returns how many were built."""


async def keep_rollups(store: RollupBuilder, stop: asyncio.Event, interval: float) -> None:
    while not stop.is_set():
        try:
            await store.build_rollups()
        except PyMongoError as exc:  # the database is away: try again next round
            log.warning("rollups not rebuilt", extra={"error": str(exc)})
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), interval)

"""Keep the month rollups current: recompute the ones the projection marked.

Any consumer replica may do it; two doing the same rollup at once is harmless (see the store).
Until a rollup is rebuilt, reports compute that month from the opportunities, so the pace trades
database work against report speed, never against correctness. A round of rebuilds reads every
opportunity in the months it rebuilds, so after each round the builder rests for at least
``REST_PER_WORK`` times as long as the round took: under a steady stream of events the month
being written is rebuilt as often as that allows, and rebuilding never takes more than about a
tenth of the time.
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol

from pymongo.errors import PyMongoError

from servicekit.logs import get_logger
from servicekit.reconnect import pause

log = get_logger(__name__)
REST_PER_WORK = 9.0


class RollupBuilder(Protocol):
    async def build_rollups(self) -> int:
        """Recompute every dirty rollup; returns how many were built."""


async def keep_rollups(store: RollupBuilder, stop: asyncio.Event, interval: float) -> None:
    while not stop.is_set():
        started = time.monotonic()
        try:
            await store.build_rollups()
        except PyMongoError as exc:  # the database is away: try again next round
            log.warning("rollups not rebuilt", extra={"error": str(exc)})
        await pause(stop, max(interval, REST_PER_WORK * (time.monotonic() - started)))

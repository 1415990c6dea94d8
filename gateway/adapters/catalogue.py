"""The reference data a board links to (users, pipelines, sources), kept between requests.

Every signed-in caller reads the same catalogues from the opportunity service (what a caller may
see of a user is decided by the gateway's own types), and they change rarely, while every board
links to them. So the gateway keeps the last list of each and forgets it when it may have
changed:

- on a ``user.*``, ``source.*`` or ``pipeline.*`` event from the bus (another gateway, an import,
  a hand-over: any writer);
- at once when a mutation that may change one goes to the opportunity service through this
  gateway (``opportunity_api.changes_catalogues``: moving a card or logging an activity does
  not), so a caller reads their own change in the next request, before its event arrives;
- whenever the live feed is not consuming (events could be missed, so nothing is kept), and when
  it (re)connects;
- after ``ttl`` seconds at the latest, as a backstop.

A list fetched while a change happened is handed to the requests that asked for it, but never
kept: a generation number, bumped by every invalidation, tells.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from prometheus_client import Counter

KINDS = ("users", "pipelines", "sources")
"""The catalogues, named like the root fields that list them."""

EVENT_KINDS = {"user": "users", "pipeline": "pipelines", "source": "sources"}
"""An event type's first part (``user.updated``) names the catalogue it changes."""

CATALOGUE_READS = Counter("gateway_catalogue_reads_total", "Catalogue reads", ["kind", "outcome"])

Items = list[Any]


@dataclass
class _Kept:
    items: Items
    fetched_at: float


class CatalogueCache:
    def __init__(self, ttl_seconds: float, live: Callable[[], bool]) -> None:
        """``live`` says whether invalidating events are arriving (the feed is consuming)."""
        self._ttl = ttl_seconds
        self._live = live
        self._kept: dict[str, _Kept] = {}
        self._generation = dict.fromkeys(KINDS, 0)
        self._inflight: dict[str, tuple[int, asyncio.Future[Items]]] = {}
        """The fetch under way per catalogue, with the generation it started in."""

    @property
    def enabled(self) -> bool:
        return self._ttl > 0 and self._live()

    def _peek(self, kind: str) -> Items | None:
        """The kept list, if it is still good."""
        kept = self._kept.get(kind)
        if kept is None or not self.enabled or time.monotonic() - kept.fetched_at >= self._ttl:
            return None
        return kept.items

    async def get(self, kind: str, fetch: Callable[[], Awaitable[Items]]) -> Items:
        """The kept list, or a fresh one from ``fetch`` (one fetch at a time per catalogue:
        concurrent boards share it)."""
        if (items := self._peek(kind)) is not None:
            CATALOGUE_READS.labels(kind, "hit").inc()
            return items
        if not self.enabled:
            CATALOGUE_READS.labels(kind, "bypass").inc()
            return await fetch()
        CATALOGUE_READS.labels(kind, "miss").inc()
        generation = self._generation[kind]
        running = self._inflight.get(kind)
        if running is None or running[0] != generation:
            # A task of its own, so a caller that goes away (a client disconnects) does not
            # cancel the fetch the others are waiting for.
            task = asyncio.ensure_future(self._fetch(kind, generation, fetch))
            task.add_done_callback(lambda t: t.cancelled() or t.exception())  # no "never retrieved"
            running = self._inflight[kind] = (generation, task)
        return await asyncio.shield(running[1])

    async def _fetch(self, kind: str, generation: int, fetch: Callable[[], Awaitable[Items]]) -> Items:
        try:
            items = await fetch()
        finally:
            if self._inflight.get(kind, (None,))[0] == generation:
                del self._inflight[kind]
        if self._generation[kind] == generation and self.enabled:
            self._kept[kind] = _Kept(items, time.monotonic())
        return items

    def invalidate(self, kind: str) -> None:
        self._generation[kind] += 1
        self._kept.pop(kind, None)

    def invalidate_all(self) -> None:
        for kind in KINDS:
            self.invalidate(kind)

    def on_event(self, event_type: str) -> None:
        """An event from the bus: forget the catalogue it changes, if any."""
        kind = EVENT_KINDS.get(event_type.partition(".")[0])
        if kind is not None:
            self.invalidate(kind)

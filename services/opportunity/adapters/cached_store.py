"""A versioned store whose reads by id are served from a short-lived per-process cache.

For what every create or move reads and what rarely changes (pipelines, users). This process's
own writes clear the cache at once; a change written by another API replica is seen within
``cache_seconds``, a window no wider in kind than the one between any read and the write that
follows it.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from contracts.envelope import CloudEvent
from servicekit.mongo import Document
from services.opportunity.adapters.store import VersionedStore

T = TypeVar("T")


class CachedStore(VersionedStore[T]):
    def __init__(
        self,
        client: AsyncMongoClient[Document],
        db: AsyncDatabase[Document],
        collection: str,
        to_doc: Callable[[T], Document],
        from_doc: Callable[[Document], T],
        *,
        label: str,
        cache_seconds: float = 2.0,
    ) -> None:
        super().__init__(client, db, collection, to_doc, from_doc, label=label)
        self._cache_seconds = cache_seconds
        self._cache: dict[str, tuple[float, T | None]] = {}

    async def cached(self, key: str, load: Callable[[], Awaitable[T | None]]) -> T | None:
        now = time.monotonic()
        hit = self._cache.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]
        value = await load()
        self._cache[key] = (now + self._cache_seconds, value)
        return value

    async def get(self, id: str) -> T | None:
        return await self.cached(id, lambda: super(CachedStore, self).get(id))

    async def add(self, entity: T, events: Sequence[CloudEvent]) -> None:
        try:
            await super().add(entity, events)
        finally:
            self._cache.clear()

    async def save(self, entity: T, expected_version: int, events: Sequence[CloudEvent]) -> None:
        try:
            await super().save(entity, expected_version, events)
        finally:
            self._cache.clear()

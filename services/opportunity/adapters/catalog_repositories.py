"""Pipelines, users and lead sources in MongoDB, with the indexes their queries use."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from contracts.envelope import CloudEvent
from servicekit.mongo import Document, Index
from services.opportunity.adapters.catalog_documents import (
    doc_to_pipeline,
    doc_to_source,
    doc_to_user,
    pipeline_to_doc,
    source_to_doc,
    user_to_doc,
)
from services.opportunity.adapters.store import VersionedStore
from services.opportunity.domain.pipeline import Pipeline
from services.opportunity.domain.source import Source
from services.opportunity.domain.user import User

PIPELINES = "pipelines"
USERS = "users"
SOURCES = "sources"

CATALOG_INDEXES = [
    Index(PIPELINES, [("is_default", 1)], "pipelines_default", partial={"is_default": True}),
    Index(PIPELINES, [("name", 1)], "pipelines_name"),
    Index(USERS, [("email", 1)], "users_email", unique=True),
    Index(USERS, [("active", 1), ("name", 1)], "users_active_name"),
    Index(USERS, [("team", 1)], "users_team"),
    Index(SOURCES, [("name", 1)], "sources_name"),
]


class MongoPipelines(VersionedStore[Pipeline]):
    """Pipelines are read on every create and move and change rarely, so reads are served from
    a per-process cache for ``cache_seconds``. This process's own changes clear it at once; a
    change made through another API replica is seen within ``cache_seconds``."""

    def __init__(
        self, client: AsyncMongoClient[Document], db: AsyncDatabase[Document], *, cache_seconds: float = 2.0
    ) -> None:
        super().__init__(client, db, PIPELINES, pipeline_to_doc, doc_to_pipeline, label="pipeline")
        self._cache_seconds = cache_seconds
        self._cache: dict[str, tuple[float, Pipeline | None]] = {}

    async def _cached(self, key: str, load: Callable[[], Awaitable[Pipeline | None]]) -> Pipeline | None:
        now = time.monotonic()
        hit = self._cache.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]
        pipeline = await load()
        self._cache[key] = (now + self._cache_seconds, pipeline)
        return pipeline

    async def get(self, id: str) -> Pipeline | None:
        return await self._cached(id, lambda: super(MongoPipelines, self).get(id))

    async def default(self) -> Pipeline | None:
        async def load() -> Pipeline | None:
            doc = await self.collection.find_one({"is_default": True})
            return None if doc is None else doc_to_pipeline(doc)

        return await self._cached("\0default", load)

    async def all(self) -> list[Pipeline]:
        return await self.find_all({}, [("name", 1)])

    async def add(self, entity: Pipeline, events: Sequence[CloudEvent]) -> None:
        self._cache.clear()
        try:
            await super().add(entity, events)
        finally:
            self._cache.clear()

    async def save(self, entity: Pipeline, expected_version: int, events: Sequence[CloudEvent]) -> None:
        self._cache.clear()
        try:
            await super().save(entity, expected_version, events)
        finally:
            self._cache.clear()


class MongoUsers(VersionedStore[User]):
    def __init__(self, client: AsyncMongoClient[Document], db: AsyncDatabase[Document]) -> None:
        super().__init__(client, db, USERS, user_to_doc, doc_to_user, label="user")

    async def all(self, *, active_only: bool = False) -> list[User]:
        return await self.find_all({"active": True} if active_only else {}, [("name", 1)])


class MongoSources(VersionedStore[Source]):
    def __init__(self, client: AsyncMongoClient[Document], db: AsyncDatabase[Document]) -> None:
        super().__init__(client, db, SOURCES, source_to_doc, doc_to_source, label="source")

    async def all(self) -> list[Source]:
        return await self.find_all({}, [("name", 1)])

"""Pipelines, users and lead sources in MongoDB, with the indexes their queries use."""

from __future__ import annotations

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document, Index
from services.opportunity.adapters.cached_store import CachedStore
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


class MongoPipelines(CachedStore[Pipeline]):
    """Read on every create and move, changed rarely: reads by id are cached briefly."""

    def __init__(self, client: AsyncMongoClient[Document], db: AsyncDatabase[Document]) -> None:
        super().__init__(client, db, PIPELINES, pipeline_to_doc, doc_to_pipeline, label="pipeline")

    async def all(self) -> list[Pipeline]:
        return await self.find_all({}, [("name", 1)])

    async def default(self) -> Pipeline | None:
        async def load() -> Pipeline | None:
            doc = await self.collection.find_one({"is_default": True})
            return None if doc is None else doc_to_pipeline(doc)

        return await self.cached("\0default", load)


class MongoUsers(CachedStore[User]):
    """Read on every create (is the owner active, which team): reads by id are cached briefly."""

    def __init__(self, client: AsyncMongoClient[Document], db: AsyncDatabase[Document]) -> None:
        super().__init__(client, db, USERS, user_to_doc, doc_to_user, label="user")

    async def all(self, *, active_only: bool = False) -> list[User]:
        return await self.find_all({"active": True} if active_only else {}, [("name", 1)])


class MongoSources(VersionedStore[Source]):
    def __init__(self, client: AsyncMongoClient[Document], db: AsyncDatabase[Document]) -> None:
        super().__init__(client, db, SOURCES, source_to_doc, doc_to_source, label="source")

    async def all(self) -> list[Source]:
        return await self.find_all({}, [("name", 1)])

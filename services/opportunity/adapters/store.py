"""A collection of versioned entities whose every write goes out with its events, in one
MongoDB transaction: the document and its outbox rows commit together or not at all."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from pymongo import AsyncMongoClient
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from contracts.envelope import CloudEvent
from servicekit.mongo import Document, find_by_ids, in_transaction
from servicekit.outbox import add_events
from services.opportunity.domain.errors import AlreadyExists, Conflict

T = TypeVar("T")


class VersionedStore(Generic[T]):
    def __init__(
        self,
        client: AsyncMongoClient[Document],
        db: AsyncDatabase[Document],
        collection: str,
        to_doc: Callable[[T], Document],
        from_doc: Callable[[Document], T],
        *,
        label: str,
    ) -> None:
        self._client = client
        self._db = db
        self.collection = db[collection]
        self._to_doc = to_doc
        self._from_doc = from_doc
        self._label = label

    async def get(self, id: str) -> T | None:
        doc = await self.collection.find_one({"_id": id})
        return None if doc is None else self._from_doc(doc)

    async def get_many(self, ids: Sequence[str]) -> dict[str, T]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        return {doc["_id"]: self._from_doc(doc) for doc in await find_by_ids(self.collection, wanted)}

    async def find_all(self, query: dict[str, Any], sort: list[tuple[str, int]]) -> list[T]:
        return [self._from_doc(doc) async for doc in self.collection.find(query).sort(sort)]

    async def add(self, entity: T, events: Sequence[CloudEvent]) -> None:
        doc = self._to_doc(entity)

        async def work(session: AsyncClientSession) -> None:
            await self.collection.insert_one(doc, session=session)
            await add_events(self._db, session, events)

        try:
            await in_transaction(self._client, work)
        except DuplicateKeyError as exc:
            raise AlreadyExists(f"This {self._label} already exists.", _duplicate_details(exc)) from exc

    async def save(self, entity: T, expected_version: int, events: Sequence[CloudEvent]) -> None:
        """Replace the document only if it still has ``expected_version``; else ``Conflict``."""
        doc = self._to_doc(entity)

        async def work(session: AsyncClientSession) -> None:
            result = await self.collection.replace_one(
                {"_id": doc["_id"], "version": expected_version}, doc, session=session
            )
            if result.matched_count == 0:
                raise Conflict(
                    f"The {self._label} changed since version {expected_version}; reload it and try again.",
                    {"expectedVersion": expected_version},
                )
            await add_events(self._db, session, events)

        try:
            await in_transaction(self._client, work)
        except DuplicateKeyError as exc:
            raise AlreadyExists(
                f"Another {self._label} already has this value.", _duplicate_details(exc)
            ) from exc


def _duplicate_details(exc: DuplicateKeyError) -> dict[str, Any]:
    key = (exc.details or {}).get("keyValue") or {}
    return {"field": next(iter(key), None)} if key else {}

"""MongoDB through PyMongo's async API: client lifecycle, declared indexes, transactions, reads
by id."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pymongo import AsyncMongoClient
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import OperationFailure
from pymongo.read_concern import ReadConcern
from pymongo.write_concern import WriteConcern

T = TypeVar("T")
Document = dict[str, Any]
DUPLICATE_KEY = 11000
"""The server's error code for a write that hit a unique index (in bulk write error details)."""


IDS_PER_QUERY = 10_000
"""The most ids one ``_id: {$in: ...}`` query asks for. Kept on MongoDB for its command size
alone (a command must stay under 16 MiB whatever the ids): a consumer's whole batch is one
query, one round trip, and the ``_id`` index serves each id in the list."""


async def find_by_ids(
    collection: AsyncCollection[Document],
    ids: Iterable[Any],
    projection: Mapping[str, Any] | None = None,
    session: AsyncClientSession | None = None,
) -> list[Document]:
    """The documents with these ids (those that exist): one query, or one per ``IDS_PER_QUERY``."""
    wanted = list(ids)
    found: list[Document] = []
    for start in range(0, len(wanted), IDS_PER_QUERY):
        query = {"_id": {"$in": wanted[start : start + IDS_PER_QUERY]}}
        found += await collection.find(query, projection, session=session).to_list()
    return found


def open_client(url: str, **options: Any) -> AsyncMongoClient[Document]:
    """A client bound to the running event loop: call it inside a lifespan or ``main()``,
    never at import time (an ``AsyncMongoClient`` belongs to one loop)."""
    return AsyncMongoClient(url, tz_aware=True, uuidRepresentation="standard", **options)


@dataclass(frozen=True)
class Index:
    """An index a hot-path query needs; declared beside the repository that runs the query."""

    collection: str
    keys: Sequence[tuple[str, int]]
    name: str
    unique: bool = False
    partial: Document | None = None
    options: Document = field(default_factory=dict)


async def ensure_indexes(
    db: AsyncDatabase[Document], indexes: Sequence[Index], retired: Sequence[tuple[str, str]] = ()
) -> None:
    """Create every declared index (a no-op for those that exist), then drop the ``retired``
    ones, given as (collection, index name), that an earlier version declared: in that order, so
    the queries they served always have an index. Every index costs on every write."""
    for index in indexes:
        kwargs: Document = {"name": index.name, "unique": index.unique, **index.options}
        if index.partial is not None:
            kwargs["partialFilterExpression"] = index.partial
        await db[index.collection].create_index(list(index.keys), **kwargs)
    for collection, name in retired:
        if name in {ix["name"] async for ix in await db[collection].list_indexes()}:
            try:
                await db[collection].drop_index(name)
            except OperationFailure as exc:
                if exc.code != _INDEX_NOT_FOUND:  # another process dropped it first
                    raise


_INDEX_NOT_FOUND = 27


async def in_transaction(
    client: AsyncMongoClient[Document],
    work: Callable[[AsyncClientSession], Awaitable[T]],
) -> T:
    """Run ``work`` in one transaction, retried on transient errors (write conflicts, failovers).

    ``work`` must be safe to run again from the start: it re-reads what it needs.
    An exception raised by ``work`` itself aborts the transaction and propagates.
    """
    async with client.start_session() as session:
        return await session.with_transaction(
            work,
            read_concern=ReadConcern("snapshot"),
            write_concern=WriteConcern("majority"),
        )

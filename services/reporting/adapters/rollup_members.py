"""Which opportunities count in each month rollup, listed beside the documents instead of in an
index on them (decision 8).

A write of an opportunity document is the projection's hot path, and a multikey index on its
rollup keys would add an entry per key to every document written, on any server. Membership changes far less often than the documents: an opportunity
joins a month when it is created or its dates move into it. So a batch lists, per rollup key,
the opportunities that begin to count in it, in one small document per key (``g<n>.rollup_members``,
found by the key's index: one entry per list, not one per opportunity and month), written before
the documents that count in it: a crash in between leaves a listed opportunity that does not count
there yet, never one that counts and is not listed. An opportunity that stops counting in a month
stays listed; readers drop it by its own rollup keys. A rollup's build merges its lists into one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bson import ObjectId
from pymongo import DeleteMany
from pymongo.asynchronous.collection import AsyncCollection

from servicekit.mongo import IDS_PER_QUERY, Document

IDS_PER_LIST = 20_000
"""A merged list is split in documents of this many ids (far below the 16 MB document limit)."""


@dataclass(frozen=True)
class Listed:
    """The lists of one rollup key as read: their document ids, and every opportunity they name."""

    lists: list[ObjectId]
    ids: list[str]


def _lists(key: str, ids: Iterable[str]) -> list[Document]:
    """Documents listing ``ids`` under ``key``, ``IDS_PER_LIST`` at most each."""
    ordered = sorted(ids)
    return [
        {"key": key, "ids": ordered[start : start + IDS_PER_LIST]}
        for start in range(0, len(ordered), IDS_PER_LIST)
    ]


class RollupMembers:
    def __init__(self, collection: AsyncCollection[Document]) -> None:
        self._lists = collection

    async def add(self, joining: Mapping[str, Iterable[str]]) -> None:
        """List each key's opportunities (that begin to count in it) in new documents."""
        documents = [document for key, ids in sorted(joining.items()) for document in _lists(key, set(ids))]
        if documents:
            await self._lists.insert_many(documents, ordered=False)

    async def read(self, key: str) -> Listed:
        """Every opportunity listed under ``key`` (some may count there no more)."""
        documents = await self._lists.find({"key": key}).to_list()
        return Listed([doc["_id"] for doc in documents], sorted({i for doc in documents for i in doc["ids"]}))

    async def merge(self, key: str, listed: Listed) -> None:
        """Replace the lists read with one holding all they named. Lists added since are left as
        they are, and every opportunity stays listed (one that seems to count elsewhere now may
        be about to be written back into this month), so nothing is ever lost."""
        if len(listed.lists) < 2:
            return
        documents = _lists(key, listed.ids)
        await self._lists.insert_many(documents, ordered=False)
        read = listed.lists  # deleted as they are read (see find_by_ids)
        await self._lists.bulk_write(
            [DeleteMany({"_id": {"$in": read[start : start + IDS_PER_QUERY]}})
             for start in range(0, len(read), IDS_PER_QUERY)],
            ordered=False,
        )  # fmt: skip

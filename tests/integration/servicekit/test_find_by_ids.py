"""Reading a batch's documents by id, a run of ids per query: every existing one, once."""

from __future__ import annotations

import pytest
from pymongo import AsyncMongoClient

from servicekit import mongo
from servicekit.mongo import Document, find_by_ids
from tests.conftest import Names


async def test_ids_across_several_queries_find_each_existing_document_once(
    mongo_client: AsyncMongoClient[Document], names: Names, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mongo, "IDS_PER_QUERY", 50)  # a few queries without 30,000 documents
    collection = mongo_client[names.db("ids")]["things"]
    count = 3 * mongo.IDS_PER_QUERY + 7
    await collection.insert_many([{"_id": f"t-{n}", "n": n} for n in range(count)])
    asked = [f"t-{n}" for n in range(count - 1, -1, -2)] + ["missing-1", "missing-2"]
    found = await find_by_ids(collection, asked, {"n": 1})
    assert sorted(doc["_id"] for doc in found) == sorted(asked[:-2])
    assert all(set(doc) == {"_id", "n"} for doc in found)
    assert await find_by_ids(collection, []) == []
    await mongo_client.drop_database(names.db("ids"))

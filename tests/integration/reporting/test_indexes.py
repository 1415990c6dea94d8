"""The opportunities carry no index: each write of one would maintain it. The lists of what
each month rollup is built from carry one, by rollup key (checked with explain); the rollups
carry none, being read by id."""

from __future__ import annotations

from services.reporting.adapters.collections import RETIRED_ROLLUP_INDEXES, ROLLUP_MEMBERS_BY_KEY, Generation
from services.reporting.adapters.projection_store import MongoProjectionStore
from services.reporting.adapters.rollup_members import RollupMembers
from tests.support.explain import index_names


async def test_an_index_no_query_uses_any_more_is_dropped_at_start_up(names, mongo_client) -> None:
    database = names.db("reporting")
    collection = mongo_client[database][Generation(1).opportunities]
    # As earlier versions left them: each report's population read by an index of its own, then
    # the month rollups' members found by a multikey index on the documents.
    await collection.create_index(
        [("status", 1), ("stage_entered_at", 1)], name="opportunities_status_stage_entered"
    )
    await collection.create_index([("created_at", 1)], name="opportunities_created")
    await collection.create_index([("active_months", 1)], name="opportunities_active_month")
    await collection.create_index([("rollup_keys", 1)], name="opportunities_rollup_key")
    rollups = mongo_client[database][Generation(1).rollups]
    await rollups.create_index([("pipeline_id", 1), ("month", 1)], name=RETIRED_ROLLUP_INDEXES[0])
    await rollups.create_index([("month", 1)], name=RETIRED_ROLLUP_INDEXES[1])

    await MongoProjectionStore(mongo_client, database).prepare()

    # Each index costs every write of the projection: none is left on its documents.
    assert {ix["name"] async for ix in await collection.list_indexes()} == {"_id_"}
    # Rollups are read by id, and each index cost every mark and build.
    assert {ix["name"] async for ix in await rollups.list_indexes()} == {"_id_"}


async def test_what_month_rollups_are_built_from_is_read_by_index(names, mongo_client) -> None:
    database = names.db("reporting")
    await MongoProjectionStore(mongo_client, database).prepare()
    lists = mongo_client[database][Generation(1).rollup_members]
    members = RollupMembers(lists)
    for batch in range(30):  # thirty batches, each listing who joins which month
        await members.add({f"2026-{1 + m:02d}|p-{batch % 2}": [f"o{batch}-{m}"] for m in range(12)})

    explained = await lists.find({"key": "2026-03|p-0"}).explain()
    assert index_names(explained["queryPlanner"]["winningPlan"]) == {ROLLUP_MEMBERS_BY_KEY}
    assert explained["executionStats"]["totalDocsExamined"] == explained["executionStats"]["nReturned"] == 15
    assert (await members.read("2026-03|p-0")).ids == sorted(f"o{batch}-2" for batch in range(0, 30, 2))

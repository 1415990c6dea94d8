"""The opportunities carry one index, the one rollups are rebuilt by (checked with explain); the
rollups carry none, being read by id."""

from __future__ import annotations

from services.reporting.adapters.collections import BY_ROLLUP_KEY, RETIRED_ROLLUP_INDEXES, Generation
from services.reporting.adapters.projection_store import MongoProjectionStore
from services.reporting.adapters.rollup_store import MongoRollups
from tests.support.explain import index_names


async def test_an_index_no_query_uses_any_more_is_dropped_at_start_up(names, mongo_client) -> None:
    database = names.db("reporting")
    collection = mongo_client[database][Generation(1).opportunities]
    # As earlier versions left them: each report's population read by an index of its own.
    await collection.create_index(
        [("status", 1), ("stage_entered_at", 1)], name="opportunities_status_stage_entered"
    )
    await collection.create_index([("created_at", 1)], name="opportunities_created")
    await collection.create_index([("active_months", 1)], name="opportunities_active_month")
    rollups = mongo_client[database][Generation(1).rollups]
    await rollups.create_index([("pipeline_id", 1), ("month", 1)], name=RETIRED_ROLLUP_INDEXES[0])
    await rollups.create_index([("month", 1)], name=RETIRED_ROLLUP_INDEXES[1])

    await MongoProjectionStore(mongo_client, database).prepare()

    # Each index costs every write of the projection: only the rollup key's is left.
    assert {ix["name"] async for ix in await collection.list_indexes()} == {"_id_", BY_ROLLUP_KEY}
    # Rollups are read by id, and each index cost every mark and build.
    assert {ix["name"] async for ix in await rollups.list_indexes()} == {"_id_"}


async def test_what_month_rollups_are_built_from_is_read_by_index(names, mongo_client) -> None:
    database = names.db("reporting")
    await MongoProjectionStore(mongo_client, database).prepare()
    generation = Generation(1)
    opportunities = mongo_client[database][generation.opportunities]
    await opportunities.insert_many(
        [{"_id": f"o{i}", "rollup_keys": [f"2026-{1 + i % 11:02d}|p-{i % 2}"]} for i in range(60)]
    )
    rollups = MongoRollups(mongo_client[database], generation)
    await rollups.mark({f"2026-{month:02d}|p-{p}" for month in range(1, 13) for p in (0, 1)})

    explained = await opportunities.find({"rollup_keys": "2026-03|p-0"}).explain()
    assert index_names(explained["queryPlanner"]["winningPlan"]) == {BY_ROLLUP_KEY}
    assert explained["executionStats"]["totalDocsExamined"] == explained["executionStats"]["nReturned"] > 0

"""The opportunities carry one index, the one rollups are rebuilt by; rollups are read by index
(checked with explain)."""

from __future__ import annotations

from services.reporting.adapters.collections import (
    BY_ROLLUP_KEY,
    ROLLUPS_BY_MONTH,
    ROLLUPS_BY_PIPELINE_MONTH,
    Generation,
)
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

    await MongoProjectionStore(mongo_client, database).prepare()

    # Each index costs every write of the projection: only the rollup key's is left.
    assert {ix["name"] async for ix in await collection.list_indexes()} == {"_id_", BY_ROLLUP_KEY}


async def test_month_rollups_and_what_they_are_built_from_are_read_by_index(names, mongo_client) -> None:
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

    collection = mongo_client[database][generation.rollups]
    one_pipeline = {"pipeline_id": "p-1", "month": {"$gte": "2026-03", "$lt": "2026-06"}}
    explained = await collection.find(one_pipeline).explain()
    assert index_names(explained["queryPlanner"]["winningPlan"]) == {ROLLUPS_BY_PIPELINE_MONTH}
    assert explained["executionStats"]["totalDocsExamined"] == explained["executionStats"]["nReturned"] == 3
    every_pipeline = {"month": {"$gte": "2026-03", "$lt": "2026-06"}}
    explained = await collection.find(every_pipeline).explain()
    assert index_names(explained["queryPlanner"]["winningPlan"]) == {ROLLUPS_BY_MONTH}
    assert explained["executionStats"]["totalDocsExamined"] == explained["executionStats"]["nReturned"] == 6

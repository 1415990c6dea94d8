"""Every report population is served by the index it names (checked with explain)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from bson.decimal128 import Decimal128

from services.reporting.adapters import report_queries as queries
from services.reporting.adapters.collections import (
    BY_ROLLUP_KEY,
    ROLLUPS_BY_MONTH,
    ROLLUPS_BY_PIPELINE_MONTH,
    Generation,
)
from services.reporting.adapters.projection_store import MongoProjectionStore
from services.reporting.adapters.rollup_store import MongoRollups
from services.reporting.domain.filters import ReportFilter
from tests.support.explain import index_names

PERIOD = ReportFilter(datetime(2026, 6, 1, tzinfo=UTC), datetime(2026, 7, 1, tzinfo=UTC), "p-1", "north")
NOW = datetime(2026, 11, 20, tzinfo=UTC)
POPULATIONS = {
    "appraisal": queries.alive_during(PERIOD),
    "overdue": queries.overdue_population(PERIOD, NOW.date()),
    "time in stage": queries.stage_population(
        PERIOD, {"qualify": datetime(2026, 6, 1, tzinfo=UTC), "propose": NOW}
    ),
    "source value": queries.created_in(PERIOD),
    "forecast": queries.open_due_in(PERIOD),
    "calibration": queries.closed_in(PERIOD),
}


@pytest.mark.parametrize("report", sorted(POPULATIONS))
async def test_each_population_is_served_by_its_index(report, names, mongo_client) -> None:
    database = names.db("reporting")
    await MongoProjectionStore(mongo_client, database).prepare()
    collection = mongo_client[database][Generation(1).opportunities]
    await collection.insert_many([
        {"_id": f"o{i}", "status": "OPEN" if i % 2 else "WON", "created_at": datetime(2026, 1 + i % 11, 3, tzinfo=UTC),
         "closed_at": None if i % 2 else datetime(2026, 1 + i % 11, 20, tzinfo=UTC),
         "expected_close_date": datetime(2026, 1 + i % 11, 28, tzinfo=UTC), "stage_entered_at": datetime(2026, 1 + i % 11, 10, tzinfo=UTC),
         "stage_key": ("qualify", "propose", "negotiate")[i % 3],
         "visits": [], "close_date_changes": [], "amount": Decimal128("1"),
         "active_months": [] if i % 2 else [f"2026-{1 + i % 11:02d}"]}
        for i in range(60)
    ])  # fmt: skip
    for query, index_name in POPULATIONS[report]:
        explained = await collection.find(query).explain()
        assert index_names(explained["queryPlanner"]["winningPlan"]) == {index_name}, query
        stats = explained["executionStats"]
        assert stats["totalDocsExamined"] == stats["nReturned"], query


async def test_an_index_no_query_uses_any_more_is_dropped_at_start_up(names, mongo_client) -> None:
    database = names.db("reporting")
    collection = mongo_client[database][Generation(1).opportunities]
    await collection.create_index(
        [("status", 1), ("stage_entered_at", 1)], name="opportunities_status_stage_entered"
    )

    await MongoProjectionStore(mongo_client, database).prepare()

    names_now = {ix["name"] async for ix in await collection.list_indexes()}
    assert "opportunities_status_stage_entered" not in names_now
    wanted = {index.name for index in Generation(1).indexes() if index.collection == collection.name}
    assert wanted <= names_now


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

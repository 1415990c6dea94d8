"""Each month rollup lists the opportunities it is built from: every opportunity that counts in a
month is listed under it, whatever order its events came in; a build merges the lists without
losing one added meanwhile; one that counts there no more is listed but not read."""

from __future__ import annotations

import random

from contracts.registry import data_model_for
from services.reporting.adapters.collections import Generation
from services.reporting.adapters.projection_store import MongoProjectionStore
from services.reporting.adapters.rollup_members import RollupMembers
from services.reporting.adapters.rollup_store import MongoRollups
from services.reporting.application.project_events import project_events
from tests.support.histories import generate


async def _projected(names, mongo_client, events) -> str:
    database = names.db("reporting")
    store = MongoProjectionStore(mongo_client, database)
    await store.prepare()
    for start in range(0, len(events), 37):  # many batches: opportunities join months over time
        part = events[start : start + 37]
        await project_events(store, [(e, data_model_for(e.type).model_validate(e.data)) for e in part])
    return database


async def _counting(mongo_client, database: str) -> dict[str, set[str]]:
    """Per rollup key, the opportunities whose documents count in it."""
    counting: dict[str, set[str]] = {}
    async for doc in mongo_client[database][Generation(1).opportunities].find({}, {"rollup_keys": 1}):
        for key in doc["rollup_keys"]:
            counting.setdefault(key, set()).add(doc["_id"])
    return counting


async def test_every_opportunity_is_listed_under_every_month_it_counts_in(names, mongo_client) -> None:
    events = generate(80, seed=21)
    random.Random(21).shuffle(events)  # close dates move months back and forth, in any order
    database = await _projected(names, mongo_client, events)
    members = RollupMembers(mongo_client[database][Generation(1).rollup_members])

    counting = await _counting(mongo_client, database)
    assert len(counting) > 5
    for key, ids in counting.items():
        assert ids <= set((await members.read(key)).ids), key


async def test_a_build_merges_the_lists_and_keeps_one_added_meanwhile(names, mongo_client) -> None:
    database = await _projected(names, mongo_client, generate(60, seed=22))
    lists = mongo_client[database][Generation(1).rollup_members]
    members = RollupMembers(lists)
    key = max((await _counting(mongo_client, database)).items(), key=lambda item: len(item[1]))[0]
    read = await members.read(key)
    assert len(read.lists) > 1  # one per batch that brought opportunities into the month

    await members.add({key: ["opp-joining-now"]})  # a batch lists one while the build runs
    await members.merge(key, read)

    after = await members.read(key)
    assert set(after.ids) == {*read.ids, "opp-joining-now"}
    assert len(after.lists) == 2  # the merged list and the one added meanwhile
    assert await lists.count_documents({"_id": {"$in": read.lists}}) == 0


async def test_a_rollup_reads_only_the_listed_opportunities_that_count_in_it(names, mongo_client) -> None:
    database = await _projected(names, mongo_client, generate(60, seed=23))
    db = mongo_client[database]
    counting = await _counting(mongo_client, database)
    key, ids = max(counting.items(), key=lambda item: len(item[1]))
    elsewhere = next(i for other, listed in counting.items() if other != key for i in listed if i not in ids)
    # Listed but counting elsewhere (its dates moved), and listed by a batch whose write never came.
    await RollupMembers(db[Generation(1).rollup_members]).add({key: [elsewhere, "opp-never-written"]})

    views = await MongoRollups(db, Generation(1))._views(key)

    assert {view.id for view in views} == ids

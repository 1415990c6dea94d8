"""Rebuilding from the retained events, beside a running live consumer, equals the live model."""

from __future__ import annotations

from servicekit.mongo import in_transaction
from servicekit.outbox import add_events
from services.reporting.adapters.collections import Generation
from services.reporting.entrypoints.rebuild import rebuild
from tests.integration.reporting.harness import (
    Replica,
    facts_applied,
    opportunity_event_count,
    publish,
    settings_for,
    wait_for,
)
from tests.integration.reporting.histories import generate


async def _documents(client, database: str, collection: str) -> dict:
    return {d["_id"]: d async for d in client[database][collection].find({}, {"revision": 0})}


async def test_a_rebuilt_model_equals_the_incrementally_built_one(
    names, mongodb_url, amqp_url, mongo_client
) -> None:
    settings = settings_for(names, mongodb_url, amqp_url, replay_database=names.db("opportunity"))
    events = generate(60, seed=7)
    # The opportunity service's retained events, as its outbox holds them.
    outbox_db = mongo_client[settings.replay_database]
    await in_transaction(mongo_client, lambda session: add_events(outbox_db, session, events))
    live = await Replica.start(settings, mongo_client, "live")
    try:
        await publish(amqp_url, settings.exchange, events)
        await wait_for(
            await facts_applied(mongo_client, settings, opportunity_event_count(events)), what="live"
        )
        incremental = await _documents(mongo_client, settings.database, Generation(1).opportunities)
        generation, replayed = await rebuild(settings, mongo_client)
    finally:
        await live.close()
    assert generation == Generation(2)
    assert replayed == len(events)
    rebuilt = await _documents(mongo_client, settings.database, generation.opportunities)
    assert rebuilt == incremental
    state = await mongo_client[settings.database]["generations"].find_one({"_id": "state"})
    assert (state["active"], state["building"]) == (2, None)
    assert Generation(1).opportunities not in await mongo_client[settings.database].list_collection_names()

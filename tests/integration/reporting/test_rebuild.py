"""Rebuilding from the retained events, beside a running live consumer, equals the live model."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

from servicekit.mongo import in_transaction
from servicekit.outbox import add_events
from services.opportunity.api.app import create_app
from services.opportunity.settings import OpportunitySettings
from services.reporting.adapters.collections import Generation
from services.reporting.adapters.opportunity_replay import OpportunityReplay
from services.reporting.adapters.projection_store import WRITE_ID, MongoGenerations, MongoProjectionStore
from services.reporting.adapters.rebuild_runner import rebuild, replay_and_project
from services.reporting.bootstrap import build_services
from services.reporting.domain.filters import ReportFilter
from tests.integration.reporting.harness import (
    Replica,
    facts_applied,
    opportunity_event_count,
    publish,
    settings_for,
    wait_for,
)
from tests.integration.reporting.test_rollups import _from_rollups
from tests.support.histories import NOW, generate


@asynccontextmanager
async def opportunity_service(names, mongodb_url, amqp_url, secret) -> AsyncIterator[OpportunityReplay]:
    """The opportunity service's API in-process over real HTTP, on the database whose outbox the
    test fills; the rebuild asks it for the replay as it would in production."""
    settings = OpportunitySettings(
        mongodb_url=mongodb_url, amqp_url=amqp_url, database=names.db("opportunity"),
        internal_secret=secret, seed_default_pipeline=False,
    )  # fmt: skip
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://opportunity") as http:
            yield OpportunityReplay(http, "http://opportunity/graphql", secret)


async def _documents(client, database: str, collection: str) -> dict:
    # Without the bookkeeping of the writes (how many, the last one), which differs by design.
    bookkeeping = {"revision": 0, WRITE_ID: 0}
    return {d["_id"]: d async for d in client[database][collection].find({}, bookkeeping)}


async def test_a_rebuilt_model_equals_the_incrementally_built_one(
    names, mongodb_url, amqp_url, mongo_client
) -> None:
    settings = settings_for(names, mongodb_url, amqp_url, read_cache_seconds=0.5)
    events = generate(60, seed=7)
    # The opportunity service's retained events, as its outbox holds them.
    outbox_db = mongo_client[names.db("opportunity")]
    await in_transaction(mongo_client, lambda session: add_events(outbox_db, session, events))
    live = await Replica.start(settings, mongo_client, "live")
    try:
        await publish(amqp_url, settings.exchange, events)
        await wait_for(
            await facts_applied(mongo_client, settings, opportunity_event_count(events)), what="live"
        )
        incremental = await _documents(mongo_client, settings.database, Generation(1).opportunities)
        store = MongoProjectionStore(mongo_client, settings.database)
        await store.build_rollups()
        reports = build_services(
            settings.model_copy(update={"read_cache_seconds": 0}), mongo_client, clock=lambda: NOW
        ).reports
        incremental_reports = await _from_rollups(reports, ReportFilter())  # whole months: rollups
        async with opportunity_service(
            names, mongodb_url, amqp_url, settings.internal_secret.get_secret_value()
        ) as replay:
            generation, replayed = await rebuild(settings, mongo_client, replay)
    finally:
        await live.close()
    assert generation == Generation(2)
    assert replayed == len(events)
    rebuilt = await _documents(mongo_client, settings.database, generation.opportunities)
    assert rebuilt == incremental
    state = await mongo_client[settings.database]["generations"].find_one({"_id": "state"})
    assert (state["active"], state["building"]) == (2, None)
    assert Generation(1).opportunities not in await mongo_client[settings.database].list_collection_names()
    # The rebuilt generation's month rollups, once built, give the same reports.
    assert await store.build_rollups() > 0
    assert (await reports.reader.active()).has_rollups
    assert await _from_rollups(reports, ReportFilter()) == incremental_reports


async def test_events_that_arrive_during_a_rebuild_reach_the_rebuilt_model(
    names, mongodb_url, amqp_url, mongo_client
) -> None:
    settings = settings_for(names, mongodb_url, amqp_url, read_cache_seconds=0.5)
    events = generate(40, seed=8)
    before, during = events[: len(events) // 2], events[len(events) // 2 :]
    outbox_db = mongo_client[names.db("opportunity")]
    await in_transaction(mongo_client, lambda session: add_events(outbox_db, session, before))
    live = await Replica.start(settings, mongo_client, "live")
    generations = MongoGenerations(mongo_client, settings.database)
    try:
        await publish(amqp_url, settings.exchange, before)
        await wait_for(
            await facts_applied(mongo_client, settings, opportunity_event_count(before)), what="before"
        )
        building = await generations.begin()
        # The opportunity service keeps working: new events are retained and published live.
        await in_transaction(mongo_client, lambda session: add_events(outbox_db, session, during))
        await publish(amqp_url, settings.exchange, during)
        async with opportunity_service(
            names, mongodb_url, amqp_url, settings.internal_secret.get_secret_value()
        ) as replay:
            await replay_and_project(settings, mongo_client, building, replay)
        await wait_for(
            await facts_applied(mongo_client, settings, opportunity_event_count(events)), what="live"
        )
        await wait_for(
            await facts_applied(mongo_client, settings, opportunity_event_count(events), building.number),
            what="rebuilt",
        )
        await generations.switch(building)
    finally:
        await live.close()
    live_model = await _documents(mongo_client, settings.database, Generation(1).opportunities)
    rebuilt = await _documents(mongo_client, settings.database, building.opportunities)
    assert rebuilt == live_model
    assert len(rebuilt) == 40

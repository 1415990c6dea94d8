"""The projection through the real broker and database: duplicates and disorder change nothing."""

from __future__ import annotations

import random

from contracts.envelope import CloudEvent
from services.reporting.adapters.collections import Generation
from services.reporting.adapters.documents import view_from_document
from services.reporting.domain.view import Fact, project
from tests.integration.reporting.harness import (
    Replica,
    facts_applied,
    opportunity_event_count,
    publish,
    settings_for,
    wait_for,
)
from tests.support.histories import generate


def _expected_views(events: list[CloudEvent]) -> dict[str, object]:
    facts: dict[str, list[Fact]] = {}
    for e in events:
        if e.type.startswith("opportunity."):
            facts.setdefault(e.subject, []).append(Fact(e.subject, e.sequence, e.type, e.data))
    return {opp: project(fs) for opp, fs in facts.items()}


async def test_events_shuffled_and_delivered_twice_give_the_same_read_model(
    names, mongodb_url, amqp_url, mongo_client
) -> None:
    settings = settings_for(names, mongodb_url, amqp_url)
    events = generate(40, seed=11)
    disorderly = events + random.Random(3).sample(events, 60)
    random.Random(4).shuffle(disorderly)
    replica = await Replica.start(settings, mongo_client)
    try:
        await publish(amqp_url, settings.exchange, disorderly)
        await wait_for(
            await facts_applied(mongo_client, settings, opportunity_event_count(events)), what="facts"
        )
    finally:
        await replica.close()
    stored = {
        doc["_id"]: view_from_document(doc)
        async for doc in mongo_client[settings.database][Generation(1).opportunities].find()
    }
    assert stored == _expected_views(events)

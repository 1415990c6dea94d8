"""Batches against the real database: one write per opportunity per batch, writers racing on the
same opportunities lose nothing, a poison event fails alone, and an unreachable database fails a
batch at once."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from typing import Any

import bson
import pytest
from bson import Binary
from pydantic import BaseModel
from pymongo import AsyncMongoClient
from pymongo.errors import ConnectionFailure

from contracts.envelope import CloudEvent
from contracts.registry import data_model_for
from servicekit.batching import BatchingHandler
from servicekit.mongo import Document, open_client
from services.reporting.adapters.collections import Generation
from services.reporting.adapters.documents import view_from_document, view_to_document
from services.reporting.adapters.projection_store import MongoProjectionStore, encode_facts
from services.reporting.application import project_events as projection
from services.reporting.application.ports import FactsWrite
from services.reporting.application.project_events import project_events
from services.reporting.bootstrap import batching_projection
from services.reporting.domain.view import Fact, OpportunityView, project
from services.reporting.settings import ReportingSettings
from tests.conftest import free_port
from tests.support.histories import generate


def _items(events: list[CloudEvent]) -> list[tuple[CloudEvent, BaseModel | None]]:
    return [(e, data_model_for(e.type).model_validate(e.data)) for e in events]


def _expected(events: list[CloudEvent]) -> dict[str, OpportunityView]:
    facts: dict[str, list[Fact]] = {}
    for e in events:
        if e.type.startswith("opportunity."):
            facts.setdefault(e.subject, []).append(Fact(e.subject, e.sequence, e.type, e.data))
    return {opportunity: project(f) for opportunity, f in facts.items()}


async def _stored(mongo_client, database: str) -> dict[str, dict]:
    return {d["_id"]: d async for d in mongo_client[database][Generation(1).opportunities].find()}


@pytest.fixture
async def store(names, mongo_client) -> MongoProjectionStore:
    store = MongoProjectionStore(mongo_client, names.db("reporting"))
    await store.prepare()
    return store


async def test_an_opportunitys_events_in_one_batch_are_one_write(store, names, mongo_client) -> None:
    events = generate(5, seed=1)
    await project_events(store, _items(events))
    stored = await _stored(mongo_client, names.db("reporting"))
    assert {k: view_from_document(d) for k, d in stored.items()} == _expected(events)
    assert {d["revision"] for d in stored.values()} == {1}
    assert sum(d["fact_count"] for d in stored.values()) == sum(
        e.type.startswith("opportunity.") for e in events
    )


class _Recording(MongoProjectionStore):
    """Records what it writes, in order: catalog entries by kind, facts as ``facts``."""

    def __init__(self, client: AsyncMongoClient[Document], database: str) -> None:
        super().__init__(client, database)
        self.written: list[str] = []

    async def save_catalog_entry(self, generation: Generation, kind: str, entry: dict[str, Any]) -> bool:
        self.written.append(kind)
        return await super().save_catalog_entry(generation, kind, entry)

    async def save(self, generation: Generation, writes: list[FactsWrite]) -> set[str]:
        self.written.append("facts")
        return await super().save(generation, writes)


async def test_a_batch_writes_the_catalog_it_holds_before_its_facts(names, mongo_client) -> None:
    # A report that sees a batch's facts must know the sources and reps they name.
    store = _Recording(mongo_client, names.db("reporting"))
    await store.prepare()
    await project_events(store, _items(generate(5, seed=1)))
    assert store.written.index("facts") > max(i for i, w in enumerate(store.written) if w != "facts")
    assert {"source", "user", "pipeline"} <= set(store.written)


async def test_replicas_racing_on_the_same_opportunities_lose_no_fact(names, mongo_client) -> None:
    events = generate(30, seed=5)
    database = names.db("reporting")
    replicas = [MongoProjectionStore(mongo_client, database) for _ in range(3)]
    await replicas[0].prepare()

    async def replica(store: MongoProjectionStore, seed: int) -> None:
        # Each replica sees most events (some twice), shuffled, in small batches.
        rng = random.Random(seed)
        mine = rng.sample(events, len(events) * 3 // 4) + rng.sample(events, 20)
        rng.shuffle(mine)
        for start in range(0, len(mine), 16):
            await project_events(store, _items(mine[start : start + 16]))

    await asyncio.gather(*(replica(store, seed) for seed, store in enumerate(replicas)))
    await project_events(replicas[0], _items(events))  # fills what all three missed
    stored = await _stored(mongo_client, database)
    assert {k: view_from_document(d) for k, d in stored.items()} == _expected(events)
    assert {k: d["fact_count"] for k, d in stored.items()} == Counter(
        e.subject for e in events if e.type.startswith("opportunity.")
    )


async def test_writes_go_in_chunks_and_only_the_opportunity_that_lost_a_race_is_redone(
    names, mongo_client, monkeypatch
) -> None:
    monkeypatch.setattr(projection, "WRITE_CHUNK", 3)
    events = generate(12, seed=7)
    database = names.db("reporting")
    other = MongoProjectionStore(mongo_client, database)
    await other.prepare()
    subjects = list(dict.fromkeys(e.subject for e in events if e.type.startswith("opportunity.")))
    raced = subjects[4]  # in the second chunk

    saves: list[int] = []

    class RacedStore(MongoProjectionStore):
        async def save(self, generation, writes):
            if not saves:  # another replica writes part of it while the first chunk is saved
                await project_events(other, _items([e for e in events if e.subject == raced][:1]))
            saves.append(len(writes))
            return await super().save(generation, writes)

    store = RacedStore(mongo_client, database)
    await project_events(store, _items(events))

    stored = await _stored(mongo_client, database)
    assert {k: view_from_document(d) for k, d in stored.items()} == _expected(events)
    assert stored[raced]["fact_count"] == sum(e.subject == raced for e in events)
    assert max(saves) == 3  # chunks of three
    # And the raced one alone, written again: its chunk's others are not read again.
    assert saves[len(range(0, len(subjects), 3)) :] == [1]


async def test_a_poison_event_fails_alone_and_the_others_are_applied(store, names, mongo_client) -> None:
    events = [e for e in generate(3, seed=2) if e.type == "opportunity.created"]
    poison = events[0].model_copy(
        update={"subject": "opp-poison", "data": {"opportunity": {"id": "opp-poison"}}}
    )
    handler: BatchingHandler[BaseModel | None] = BatchingHandler(
        lambda batch: project_events(store, batch), max_batch=64
    )
    results = await asyncio.gather(
        *(handler(e, None) for e in [events[0], poison, *events[1:]]), return_exceptions=True
    )
    assert [isinstance(r, Exception) for r in results] == [False, True] + [False] * (len(events) - 1)
    stored = await _stored(mongo_client, names.db("reporting"))
    assert sorted(stored) == sorted(e.subject for e in events)


async def test_a_batch_is_not_retried_event_by_event_while_the_database_is_unreachable(names) -> None:
    class CountingStore(MongoProjectionStore):
        attempts = 0

        async def targets(self) -> list[Generation]:
            CountingStore.attempts += 1
            return await super().targets()

    nowhere = open_client(f"mongodb://127.0.0.1:{free_port()}/?serverSelectionTimeoutMS=300")
    try:
        handler = batching_projection(ReportingSettings(), CountingStore(nowhere, names.db("reporting")))
        events = [e for e in generate(4, seed=3) if e.type == "opportunity.created"]
        results = await asyncio.gather(*(handler(e, None) for e in events), return_exceptions=True)
    finally:
        await nowhere.close()
    assert all(isinstance(r, ConnectionFailure) for r in results)
    assert CountingStore.attempts == 1


async def test_text_that_looks_like_an_expression_is_stored_as_written(store, names, mongo_client) -> None:
    # A later write replaces the document inside an update pipeline, where "$..." means a field.
    facts = [e for e in generate(10, seed=4) if e.type.startswith("opportunity.")]
    busiest = Counter(e.subject for e in facts).most_common(1)[0][0]
    events = [e for e in facts if e.subject == busiest]
    tricky = [
        e.model_copy(update={"data": {**e.data, "opportunity": {**e.data["opportunity"], "title": "$title"}}})
        for e in events
    ]
    for event in tricky:  # one batch each: an insert, then replacements
        await project_events(store, _items([event]))
    stored = await _stored(mongo_client, names.db("reporting"))
    assert [(view_from_document(d).title, d["revision"]) for d in stored.values()] == [
        ("$title", len(events))
    ]
    assert len(events) >= 3
    assert {k: view_from_document(d) for k, d in stored.items()} == _expected(tricky)


def _busiest_opportunity(seed: int) -> tuple[str, CloudEvent, list[CloudEvent]]:
    """The opportunity with the most events in a small history: its id, first event and the rest."""
    facts = [e for e in generate(10, seed=seed) if e.type.startswith("opportunity.")]
    busiest = Counter(e.subject for e in facts).most_common(1)[0][0]
    first, *later = [e for e in facts if e.subject == busiest]
    assert later
    return busiest, first, later


async def test_a_document_written_before_facts_were_a_blob_takes_new_facts(
    store, names, mongo_client
) -> None:
    busiest, first, later = _busiest_opportunity(seed=6)
    old = _expected([first])[busiest]
    collection = mongo_client[names.db("reporting")][Generation(1).opportunities]
    await collection.insert_one({  # as the previous version stored it
        **view_to_document(old), "revision": 1, "fact_count": 1,
        "facts": {str(first.sequence): {"type": first.type, "data": first.data}},
    })  # fmt: skip
    await project_events(store, _items(later))
    stored = await _stored(mongo_client, names.db("reporting"))
    assert view_from_document(stored[busiest]) == _expected([first, *later])[busiest]
    assert stored[busiest]["fact_count"] == 1 + len(later)


async def test_a_document_with_its_read_model_in_a_blob_is_read_and_takes_new_facts(
    store, names, mongo_client
) -> None:
    busiest, first, later = _busiest_opportunity(seed=7)
    fields = view_to_document(_expected([first])[busiest])
    kept = {k: v for k, v in fields.items() if k not in ("_id", "rollup_keys")}
    collection = mongo_client[names.db("reporting")][Generation(1).opportunities]
    await collection.insert_one({  # as an earlier version stored it: the read model in one blob
        "_id": busiest, "rollup_keys": fields["rollup_keys"], "view": Binary(bson.encode(kept)),
        "revision": 1, "fact_count": 1,
        "facts": encode_facts([Fact(first.subject, first.sequence, first.type, first.data)]),
    })  # fmt: skip
    assert view_from_document(await collection.find_one({"_id": busiest})) == _expected([first])[busiest]
    await project_events(store, _items(later))
    stored = await _stored(mongo_client, names.db("reporting"))
    assert "view" not in stored[busiest]  # rewritten as plain fields
    assert view_from_document(stored[busiest]) == _expected([first, *later])[busiest]

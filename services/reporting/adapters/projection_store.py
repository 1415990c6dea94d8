"""MongoDB side of the projection.

Each opportunity is one document in ``g<n>.opportunities`` holding its facts beside the read
model derived from them, and a ``revision``. A batch is applied by reading its documents by id
(``find_by_ids``), and writing them back with bulk writes (one per chunk of opportunities, see
``project_events``), one write per opportunity: an insert for a new one, otherwise a replacement
applied only if the revision is still the one read. The guard (the facts already stored) and the
effect are one atomic single-document write. When two replicas race on one opportunity the
loser's replacement leaves the document as it is, and it starts again from the winner's
document, so no fact is ever lost and none is applied twice. Each write marks its document
with the id of its bulk write (``write_id``), so the documents a bulk write lost are told apart
with one small query and only those are read and redone (two replicas catching up one backlog
lose a few races in most chunks). Before a chunk's documents, the month rollups its
opportunities join list them (``rollup_members``).

Each choice holds on MongoDB as well: a first write is a plain insert (cheaper than an upsert,
and the ``_id`` catches a replica that inserted first); the revision is compared inside an
update pipeline matched by ``_id``; the facts are one compact JSON value, since they are
replayed whole and never queried (encoding them is the client's work). The read model is plain
fields, which a report's partial reads by name.
"""

from __future__ import annotations

from typing import Any

import orjson
from bson import Binary, ObjectId
from prometheus_client import Counter, Gauge, Histogram
from pymongo import AsyncMongoClient, InsertOne, UpdateOne
from pymongo.errors import BulkWriteError, DuplicateKeyError

from servicekit.mongo import DUPLICATE_KEY, Document, ensure_indexes, find_by_ids
from services.reporting.adapters.collections import (
    GENERATIONS,
    ROLLUPS_READY,
    STATE_ID,
    Generation,
    rollups_ready,
)
from services.reporting.adapters.documents import view_to_document
from services.reporting.adapters.rollup_members import RollupMembers
from services.reporting.adapters.rollup_store import MongoRollups
from services.reporting.application.ports import FactsWrite, StoredFacts
from services.reporting.domain.view import Fact

ROLLUPS_DIRTY = Gauge(
    "reporting_rollups_dirty", "Month rollups marked and not rebuilt yet, at the last round"
)
ROLLUPS_BUILT = Counter("reporting_rollups_built_total", "Month rollup rebuilds", ["outcome"])
ROLLUP_BUILD_SECONDS = Histogram(
    "reporting_rollup_build_seconds",
    "Time to rebuild one month rollup",
    buckets=(0.05, 0.2, 0.5, 1, 2, 5, 10),
)


WRITE_ID = "write_id"
"""Field of an opportunity's document: the bulk write that wrote it last."""


def encode_facts(facts: list[Fact]) -> Binary:
    """The facts in sequence order as compact JSON (deterministic: a rebuilt document equals the
    incrementally built one byte for byte)."""
    rows = [[f.sequence, f.type, f.data] for f in sorted(facts, key=lambda f: f.sequence)]
    return Binary(orjson.dumps(rows, option=orjson.OPT_SORT_KEYS))


def decode_facts(opportunity_id: str, stored: bytes | dict[str, Any]) -> list[Fact]:
    if isinstance(stored, dict):  # written before facts were a blob: {sequence: {type, data}}
        return [Fact(opportunity_id, int(seq), f["type"], f["data"]) for seq, f in stored.items()]
    return [Fact(opportunity_id, sequence, type_, data) for sequence, type_, data in orjson.loads(stored)]


def _write(write: FactsWrite, write_id: ObjectId) -> InsertOne[Document] | UpdateOne:
    """A first write inserts (a duplicate key if another replica inserted first); a later one
    replaces the document only if its revision is still the one read."""
    document = {
        **view_to_document(write.view, write.rollup_keys),
        "revision": (write.revision or 0) + 1,
        WRITE_ID: write_id,
        "fact_count": len(write.facts),
        "facts": encode_facts(write.facts),
    }
    if write.revision is None:
        return InsertOne(document)
    unchanged = {"$eq": ["$revision", write.revision]}
    return UpdateOne(
        {"_id": write.view.id}, [{"$replaceWith": {"$cond": [unchanged, {"$literal": document}, "$$ROOT"]}}]
    )


class MongoProjectionStore:
    def __init__(
        self, client: AsyncMongoClient[Document], database: str, only: Generation | None = None
    ) -> None:
        """``only``: write that generation alone (a rebuild's replay), not the live ones."""
        self._db = client[database]
        self._only = only

    async def prepare(self) -> None:
        """Create the generation state on first start and the indexes of live generations."""
        await self._db[GENERATIONS].update_one(
            {"_id": STATE_ID}, {"$setOnInsert": {"active": 1, "building": None}}, upsert=True
        )
        for generation in await self._live_generations():
            await ensure_indexes(self._db, generation.indexes(), generation.retired_indexes())
            await self.prepare_rollups(generation)

    async def prepare_rollups(self, generation: Generation) -> None:
        """Once per generation: give documents written before rollups existed their rollup keys
        and mark every rollup, then let reports read rollups (until then they read documents)."""
        state = await self._db[GENERATIONS].find_one({"_id": STATE_ID}, {ROLLUPS_READY: 1})
        if state is not None and rollups_ready(generation) in state.get(ROLLUPS_READY, []):
            return
        await MongoRollups(self._db, generation).backfill()
        await self._db[GENERATIONS].update_one(
            {"_id": STATE_ID}, {"$addToSet": {ROLLUPS_READY: rollups_ready(generation)}}, upsert=True
        )

    async def targets(self) -> list[Generation]:
        """The generations an event goes to: the active one, and one being rebuilt if any."""
        return [self._only] if self._only else await self._live_generations()

    async def _live_generations(self) -> list[Generation]:
        state = await self._db[GENERATIONS].find_one({"_id": STATE_ID})
        if state is None:
            return [Generation(1)]
        numbers = [state["active"]] + ([state["building"]] if state.get("building") else [])
        return [Generation(n) for n in numbers]

    async def load_facts(self, generation: Generation, opportunity_ids: list[str]) -> dict[str, StoredFacts]:
        docs = await find_by_ids(
            self._db[generation.opportunities], opportunity_ids, {"facts": 1, "revision": 1, "rollup_keys": 1}
        )
        return {
            doc["_id"]: StoredFacts(
                decode_facts(doc["_id"], doc["facts"]), doc["revision"], frozenset(doc.get("rollup_keys", ()))
            )
            for doc in docs
        }

    async def mark_rollups(self, generation: Generation, keys: set[str]) -> None:
        await MongoRollups(self._db, generation).mark(keys)

    async def build_rollups(self) -> int:
        """Recompute every dirty rollup of the live generations; returns how many were built."""
        marked: list[tuple[MongoRollups, list[str]]] = []
        for generation in await self.targets():
            rollups = MongoRollups(self._db, generation)
            marked.append((rollups, await rollups.dirty()))
        ROLLUPS_DIRTY.set(sum(len(keys) for _, keys in marked))
        built = 0
        for rollups, keys in marked:
            for key in keys:
                with ROLLUP_BUILD_SECONDS.time():
                    done = await rollups.build(key)
                built += done
                ROLLUPS_BUILT.labels("built" if done else "overtaken").inc()
                if done:
                    ROLLUPS_DIRTY.dec()
        return built

    async def save(self, generation: Generation, writes: list[FactsWrite]) -> set[str]:
        """Apply each write whose document is still at its revision; returns the opportunities
        of those that were not. The rollups an opportunity joins list it first (see
        ``rollup_members``)."""
        joining: dict[str, list[str]] = {}
        for write in writes:
            for key in write.joining:
                joining.setdefault(key, []).append(write.view.id)
        await RollupMembers(self._db[generation.rollup_members]).add(joining)
        documents = self._db[generation.opportunities]
        write_id = ObjectId()
        try:
            result = await documents.bulk_write([_write(write, write_id) for write in writes], ordered=False)
            applied = result.inserted_count + result.modified_count
        except BulkWriteError as exc:
            # An insert that found the document there lost a race like a replacement that found
            # another revision. Anything else is a real failure.
            if any(error["code"] != DUPLICATE_KEY for error in exc.details["writeErrors"]):
                raise
            applied = int(exc.details["nInserted"]) + int(exc.details["nModified"])
        if applied == len(writes):
            return set()
        ids = [write.view.id for write in writes]
        # Those that are not ours now. One of ours another replica overwrote since is counted
        # too: read again, it has nothing left to add.
        found = await find_by_ids(documents, ids, {WRITE_ID: 1})
        return set(ids) - {doc["_id"] for doc in found if doc.get(WRITE_ID) == write_id}

    async def save_catalog_entry(self, generation: Generation, kind: str, entry: dict[str, Any]) -> bool:
        """Keep the newest snapshot by ``version``; False for a duplicate or an older one."""
        document = {"_id": entry["id"], "version": entry["version"], "snapshot": entry}
        try:
            result = await self._db[generation.catalog(kind)].replace_one(
                {"_id": entry["id"], "version": {"$lt": entry["version"]}}, document, upsert=True
            )
        except DuplicateKeyError:
            return False  # a document of this id exists with the same or a newer version
        return result.modified_count == 1 or result.upserted_id is not None


class MongoGenerations:
    """Starts, switches and retires read-model generations."""

    def __init__(self, client: AsyncMongoClient[Document], database: str) -> None:
        self._db = client[database]

    async def begin(self) -> Generation:
        """Start building a fresh generation; live consumers write to it from now on too. One
        a rebuild left half built (its process died) is started again from nothing."""
        state = await self._db[GENERATIONS].find_one({"_id": STATE_ID}) or {"active": 1}
        generation = Generation(int(state["active"]) + 1)
        for name in generation.all_collections:
            await self._db.drop_collection(name)
        await ensure_indexes(self._db, generation.indexes())
        await self._db[GENERATIONS].update_one(
            {"_id": STATE_ID},
            {
                "$set": {"building": generation.number},
                "$setOnInsert": {"active": 1},
                # Every document of a new generation is written with its rollup keys.
                "$addToSet": {ROLLUPS_READY: rollups_ready(generation)},
            },
            upsert=True,
        )
        return generation

    async def switch(self, generation: Generation) -> Generation:
        """Make ``generation`` the one reports read; returns the retired one."""
        state = await self._db[GENERATIONS].find_one({"_id": STATE_ID})
        retired = Generation(state["active"] if state else 1)
        await self._db[GENERATIONS].update_one(
            {"_id": STATE_ID}, {"$set": {"active": generation.number, "building": None}}
        )
        return retired

    async def drop(self, generation: Generation) -> None:
        for name in generation.all_collections:
            await self._db.drop_collection(name)

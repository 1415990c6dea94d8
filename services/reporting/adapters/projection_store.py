"""MongoDB side of the projection.

Each opportunity is one document in ``g<n>.opportunities`` holding its facts (keyed by sequence)
beside the read model derived from them, and a ``revision``. An event is applied by reading the
document, adding the fact, recomputing, and writing back on condition that the revision is
unchanged: the guard (the fact's sequence) and the effect are one atomic single-document write.
When two replicas race on one opportunity the loser's write matches nothing and it starts again
from the winner's document, so no fact is ever lost and none is applied twice.
"""

from __future__ import annotations

from typing import Any

from pymongo import AsyncMongoClient
from pymongo.errors import DuplicateKeyError

from servicekit.mongo import Document, ensure_indexes
from services.reporting.adapters.collections import GENERATIONS, STATE_ID, Generation
from services.reporting.adapters.documents import view_to_document
from services.reporting.application.ports import StoredFacts
from services.reporting.domain.view import Fact, OpportunityView


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
            await ensure_indexes(self._db, generation.indexes())

    async def targets(self) -> list[Generation]:
        """The generations an event goes to: the active one, and one being rebuilt if any."""
        return [self._only] if self._only else await self._live_generations()

    async def _live_generations(self) -> list[Generation]:
        state = await self._db[GENERATIONS].find_one({"_id": STATE_ID})
        if state is None:
            return [Generation(1)]
        numbers = [state["active"]] + ([state["building"]] if state.get("building") else [])
        return [Generation(n) for n in numbers]

    async def load_facts(self, generation: Generation, opportunity_id: str) -> StoredFacts:
        doc = await self._db[generation.opportunities].find_one(
            {"_id": opportunity_id}, {"facts": 1, "revision": 1}
        )
        if doc is None:
            return StoredFacts([], None)
        facts = [Fact(opportunity_id, int(seq), f["type"], f["data"]) for seq, f in doc["facts"].items()]
        return StoredFacts(facts, doc["revision"])

    async def save(
        self, generation: Generation, facts: list[Fact], view: OpportunityView, revision: int | None
    ) -> bool:
        """Write facts and model if the document is still at ``revision``; False if it moved on."""
        document = {
            **view_to_document(view),
            "revision": (revision or 0) + 1,
            "fact_count": len(facts),
            "facts": {str(f.sequence): {"type": f.type, "data": dict(f.data)} for f in facts},
        }
        collection = self._db[generation.opportunities]
        if revision is None:
            try:
                await collection.insert_one(document)
            except DuplicateKeyError:
                return False
            return True
        result = await collection.replace_one({"_id": view.id, "revision": revision}, document)
        return result.matched_count == 1

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
        """Start building a fresh generation; live consumers write to it from now on too."""
        state = await self._db[GENERATIONS].find_one({"_id": STATE_ID}) or {"active": 1}
        generation = Generation(int(state.get("building") or state["active"]) + 1)
        for name in generation.all_collections:
            await self._db.drop_collection(name)
        await ensure_indexes(self._db, generation.indexes())
        await self._db[GENERATIONS].update_one(
            {"_id": STATE_ID},
            {"$set": {"building": generation.number}, "$setOnInsert": {"active": 1}},
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

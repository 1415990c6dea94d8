"""MongoDB side of the projection: facts, derived opportunity documents and catalog snapshots,
written in one transaction per event into every generation being maintained."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from pymongo import AsyncMongoClient
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document, ensure_indexes, in_transaction
from services.reporting.adapters.collections import GENERATIONS, STATE_ID, Generation
from services.reporting.adapters.documents import view_to_document
from services.reporting.domain.view import Fact, OpportunityView

T = TypeVar("T")


class MongoProjectionUnit:
    """What one event's transaction can do; bound to a session and the target generations."""

    def __init__(self, db: AsyncDatabase[Document], session: AsyncClientSession, targets: list[Generation]):
        self._db = db
        self._session = session
        self.targets = targets

    async def claim(self, generation: Generation, opportunity_id: str) -> None:
        """Write to the opportunity's document first, so two transactions recomputing the same
        opportunity conflict at once and one retries, instead of both reading stale facts."""
        await self._db[generation.opportunities].update_one(
            {"_id": opportunity_id}, {"$inc": {"claims": 1}}, upsert=True, session=self._session
        )

    async def add_fact(self, generation: Generation, fact: Fact) -> bool:
        """Store the fact; False if this (opportunity, sequence) was stored before."""
        key = f"{fact.opportunity_id}:{fact.sequence}"
        facts = self._db[generation.facts]
        if await facts.find_one({"_id": key}, {"_id": 1}, session=self._session) is not None:
            return False
        await facts.insert_one(
            {"_id": key, "opportunity_id": fact.opportunity_id, "sequence": fact.sequence, "type": fact.type,
             "data": dict(fact.data)},
            session=self._session,
        )  # fmt: skip
        return True

    async def facts_of(self, generation: Generation, opportunity_id: str) -> list[Fact]:
        cursor = self._db[generation.facts].find({"opportunity_id": opportunity_id}, session=self._session)
        return [
            Fact(row["opportunity_id"], row["sequence"], row["type"], row["data"]) async for row in cursor
        ]

    async def save_view(self, generation: Generation, view: OpportunityView, fact_count: int) -> None:
        document = {**view_to_document(view), "fact_count": fact_count}
        await self._db[generation.opportunities].replace_one(
            {"_id": view.id}, document, upsert=True, session=self._session
        )

    async def is_stale(self, generation: Generation, opportunity_id: str) -> bool:
        """Whether the document was computed from fewer facts than are stored."""
        doc = await self._db[generation.opportunities].find_one(
            {"_id": opportunity_id}, {"fact_count": 1}, session=self._session
        )
        stored = await self._db[generation.facts].count_documents(
            {"opportunity_id": opportunity_id}, session=self._session
        )
        return doc is None or doc.get("fact_count") != stored

    async def save_catalog_entry(self, generation: Generation, kind: str, entry: dict[str, Any]) -> bool:
        """Keep the newest snapshot by ``version``; False for a duplicate or an older one."""
        collection = self._db[generation.catalog(kind)]
        current = await collection.find_one({"_id": entry["id"]}, {"version": 1}, session=self._session)
        if current is not None and current["version"] >= entry["version"]:
            return False
        await collection.replace_one(
            {"_id": entry["id"]}, {"_id": entry["id"], "version": entry["version"], "snapshot": entry},
            upsert=True, session=self._session,
        )  # fmt: skip
        return True


class MongoProjectionStore:
    def __init__(
        self, client: AsyncMongoClient[Document], database: str, only: Generation | None = None
    ) -> None:
        """``only``: write that generation alone (a rebuild's replay), not the live ones."""
        self._client = client
        self._db = client[database]
        self._only = only

    async def prepare(self) -> None:
        """Create the generation state on first start and the indexes of live generations."""
        await self._db[GENERATIONS].update_one(
            {"_id": STATE_ID}, {"$setOnInsert": {"active": 1, "building": None}}, upsert=True
        )
        for generation in await self.live_generations():
            await ensure_indexes(self._db, generation.indexes())

    async def live_generations(self, session: AsyncClientSession | None = None) -> list[Generation]:
        state = await self._db[GENERATIONS].find_one({"_id": STATE_ID}, session=session)
        if state is None:
            return [Generation(1)]
        numbers = [state["active"]] + ([state["building"]] if state.get("building") else [])
        return [Generation(n) for n in numbers]

    async def run(self, work: Callable[[MongoProjectionUnit], Awaitable[T]]) -> T:
        """Run ``work`` in one transaction (retried whole on write conflicts between replicas).
        The target generations are read inside it, so a rebuild that starts is seen at once."""

        async def attempt(session: AsyncClientSession) -> T:
            targets = [self._only] if self._only else await self.live_generations(session)
            return await work(MongoProjectionUnit(self._db, session, targets))

        return await in_transaction(self._client, attempt)


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

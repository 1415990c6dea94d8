"""Reads the active generation of the read model for the reports."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from contracts.events.catalog import PipelineSnapshot, SourceSnapshot, UserSnapshot
from servicekit.mongo import Document
from services.reporting.adapters.collections import (
    GENERATIONS,
    ROLLUPS_READY,
    STATE_ID,
    Generation,
    rollups_ready,
)
from services.reporting.adapters.documents import view_from_document
from services.reporting.adapters.rollup_store import MongoRollups, MonthData
from services.reporting.domain.catalog import Catalog
from services.reporting.domain.rollups.kinds import RollupKind
from services.reporting.domain.rollups.months import Month, Window
from services.reporting.domain.view import OpportunityView


class MongoReadModel:
    def __init__(
        self,
        db: AsyncDatabase[Document],
        generation: Generation,
        cached: Catalog | None = None,
        has_rollups: bool = False,
    ) -> None:
        self._db = db
        self.generation = generation
        self._cached = cached
        self.has_rollups = has_rollups
        self._rollups = MongoRollups(db, generation)
        self._versions: asyncio.Future[dict[str, int]] | None = None

    async def _rollup_versions(self) -> dict[str, int]:
        """The rollups' versions, read once for the report this model serves (its reads run
        concurrently, so the first starts the read and the others await it)."""
        if self._versions is None:
            self._versions = asyncio.ensure_future(self._rollups.versions())
        return await self._versions

    async def catalog(self) -> Catalog:
        if self._cached is not None:
            return self._cached
        return await self.load_catalog()

    async def load_catalog(self) -> Catalog:
        async def load(kind: str) -> list[Document]:
            return [d["snapshot"] async for d in self._db[self.generation.catalog(kind)].find()]

        pipelines = [PipelineSnapshot.model_validate(s) for s in await load("pipeline")]
        sources = [SourceSnapshot.model_validate(s) for s in await load("source")]
        users = [UserSnapshot.model_validate(s) for s in await load("user")]
        return Catalog({p.id: p for p in pipelines}, {s.id: s for s in sources}, {u.id: u for u in users})

    async def views(self, ids: list[str]) -> list[OpportunityView]:
        found = self._db[self.generation.opportunities].find({"_id": {"$in": ids}})
        return [view_from_document(doc) async for doc in found]

    async def month_rollups(
        self, kind: RollupKind[Any], first: Month | None, end: Month | None, pipeline_id: str | None
    ) -> list[MonthData]:
        return await self._rollups.read(kind, first, end, pipeline_id, await self._rollup_versions())

    async def window_partials(
        self, kind: RollupKind[Any], windows: Iterable[Window], pipeline_id: str | None
    ) -> list[tuple[Window, str, Any]]:
        return await self._rollups.window_partials(kind, windows, pipeline_id, await self._rollup_versions())


class MongoReportReader:
    """Finds the active generation and its catalog, keeping both for ``cache_seconds``: they change
    rarely (a rebuild's switch, a renamed rep or a new source) and would otherwise cost four round
    trips on every report."""

    def __init__(self, db: AsyncDatabase[Document], cache_seconds: float = 0.0) -> None:
        self._db = db
        self._cache_seconds = cache_seconds
        self._cached: tuple[float, Generation, Catalog, bool] | None = None

    async def active(self) -> MongoReadModel:
        now = time.monotonic()
        if self._cached is None or now >= self._cached[0]:
            state = await self._db[GENERATIONS].find_one({"_id": STATE_ID}, {"active": 1, ROLLUPS_READY: 1})
            generation = Generation(state["active"] if state else 1)
            # No state yet: no consumer has started, there is nothing to report and nothing to key.
            has_rollups = state is None or rollups_ready(generation) in state.get(ROLLUPS_READY, [])
            if self._cache_seconds <= 0:
                return MongoReadModel(self._db, generation, has_rollups=has_rollups)
            catalog = await MongoReadModel(self._db, generation).load_catalog()
            self._cached = (now + self._cache_seconds, generation, catalog, has_rollups)
        _, generation, catalog, has_rollups = self._cached
        return MongoReadModel(self._db, generation, catalog, has_rollups)

"""Reads the active generation of the read model for the reports."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from contracts.events.catalog import PipelineSnapshot, SourceSnapshot, UserSnapshot
from servicekit.mongo import Document
from services.reporting.adapters import report_queries as queries
from services.reporting.adapters.collections import (
    GENERATIONS,
    ROLLUPS_READY,
    STATE_ID,
    Generation,
    rollups_ready,
)
from services.reporting.adapters.documents import report_view_from_document
from services.reporting.adapters.rollup_store import MongoRollups, MonthData
from services.reporting.domain.catalog import Catalog
from services.reporting.domain.filters import ReportFilter
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

    async def _views(
        self, branches: list[queries.Branch], fields: tuple[str, ...], flt: ReportFilter
    ) -> list[OpportunityView]:
        """The union of the branches, read with the report's projection. The pipeline and team
        cannot be in the query (see report_queries) but are applied here, before decoding: every
        report drops out-of-scope opportunities first, so decoding them would be wasted."""
        collection = self._db[self.generation.opportunities]
        collection = collection.with_options(
            codec_options=collection.codec_options.with_options(tz_aware=True, tzinfo=UTC)
        )
        projection = dict.fromkeys(fields, 1)
        pipeline_id, team = flt.pipeline_id, flt.team
        seen: set[str] = set()
        views: list[OpportunityView] = []
        for query, _index in branches:
            async for doc in collection.find(query, projection):
                if doc["_id"] in seen:
                    continue
                seen.add(doc["_id"])
                if (pipeline_id is None or doc["pipeline_id"] == pipeline_id) and (
                    team is None or doc.get("team") == team
                ):
                    views.append(report_view_from_document(doc))
        return views

    async def alive_during(self, flt: ReportFilter) -> list[OpportunityView]:
        return await self._views(queries.alive_during(flt), queries.APPRAISAL_FIELDS, flt)

    async def overdue_population(self, flt: ReportFilter, today: date) -> list[OpportunityView]:
        return await self._views(queries.overdue_population(flt, today), queries.OVERDUE_FIELDS, flt)

    async def stage_population(
        self, flt: ReportFilter, rotting_cutoffs: Mapping[str, datetime]
    ) -> list[OpportunityView]:
        return await self._views(queries.stage_population(flt, rotting_cutoffs), queries.STAGE_FIELDS, flt)

    async def created_in(self, flt: ReportFilter) -> list[OpportunityView]:
        return await self._views(queries.created_in(flt), queries.SOURCE_FIELDS, flt)

    async def open_due_in(self, flt: ReportFilter) -> list[OpportunityView]:
        return await self._views(queries.open_due_in(flt), queries.FORECAST_FIELDS, flt)

    async def closed_in(self, flt: ReportFilter) -> list[OpportunityView]:
        return await self._views(queries.closed_in(flt), queries.CALIBRATION_FIELDS, flt)

    async def month_rollups(
        self, kind: RollupKind[Any], first: Month | None, end: Month | None, pipeline_id: str | None
    ) -> list[MonthData]:
        return await MongoRollups(self._db, self.generation).read(kind, first, end, pipeline_id)

    async def window_partials(
        self, kind: RollupKind[Any], windows: Iterable[Window], pipeline_id: str | None
    ) -> list[tuple[Window, str, Any]]:
        return await MongoRollups(self._db, self.generation).window_partials(kind, windows, pipeline_id)


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
            has_rollups = state is not None and rollups_ready(generation) in state.get(ROLLUPS_READY, [])
            if self._cache_seconds <= 0:
                return MongoReadModel(self._db, generation, has_rollups=has_rollups)
            catalog = await MongoReadModel(self._db, generation).load_catalog()
            self._cached = (now + self._cache_seconds, generation, catalog, has_rollups)
        _, generation, catalog, has_rollups = self._cached
        return MongoReadModel(self._db, generation, catalog, has_rollups)

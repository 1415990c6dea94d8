"""Reads the active generation of the read model for the reports."""

from __future__ import annotations

from datetime import date, datetime

from pymongo.asynchronous.database import AsyncDatabase

from contracts.events.catalog import PipelineSnapshot, SourceSnapshot, UserSnapshot
from servicekit.mongo import Document
from services.reporting.adapters import report_queries as queries
from services.reporting.adapters.collections import GENERATIONS, STATE_ID, Generation
from services.reporting.adapters.documents import view_from_document
from services.reporting.domain.catalog import Catalog
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.view import OpportunityView


class MongoReadModel:
    def __init__(self, db: AsyncDatabase[Document], generation: Generation) -> None:
        self._db = db
        self.generation = generation

    async def catalog(self) -> Catalog:
        async def load(kind: str) -> list[Document]:
            return [d["snapshot"] async for d in self._db[self.generation.catalog(kind)].find()]

        pipelines = [PipelineSnapshot.model_validate(s) for s in await load("pipeline")]
        sources = [SourceSnapshot.model_validate(s) for s in await load("source")]
        users = [UserSnapshot.model_validate(s) for s in await load("user")]
        return Catalog({p.id: p for p in pipelines}, {s.id: s for s in sources}, {u.id: u for u in users})

    async def _views(self, branches: list[queries.Query]) -> list[OpportunityView]:
        collection = self._db[self.generation.opportunities]
        documents: dict[str, Document] = {}
        for query in branches:
            async for doc in collection.find(query, {"facts": 0}):
                documents.setdefault(doc["_id"], doc)
        return [view_from_document(doc) for doc in documents.values()]

    async def alive_during(self, flt: ReportFilter) -> list[OpportunityView]:
        return await self._views(queries.alive_during(flt))

    async def overdue_population(self, flt: ReportFilter, today: date) -> list[OpportunityView]:
        return await self._views(queries.overdue_population(flt, today))

    async def stage_population(
        self, flt: ReportFilter, entered_before: datetime | None
    ) -> list[OpportunityView]:
        return await self._views(queries.stage_population(flt, entered_before))

    async def created_in(self, flt: ReportFilter) -> list[OpportunityView]:
        return await self._views(queries.created_in(flt))

    async def open_due_in(self, flt: ReportFilter) -> list[OpportunityView]:
        return await self._views(queries.open_due_in(flt))

    async def closed_in(self, flt: ReportFilter) -> list[OpportunityView]:
        return await self._views(queries.closed_in(flt))


class MongoReportReader:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._db = db

    async def active(self) -> MongoReadModel:
        state = await self._db[GENERATIONS].find_one({"_id": STATE_ID}, {"active": 1})
        return MongoReadModel(self._db, Generation(state["active"] if state else 1))

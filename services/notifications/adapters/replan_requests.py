"""Requests to re-plan the open opportunities of a pipeline (its thresholds changed, or the
organisation's alert hour, time zone or default lead time did). The consumer carries them out
in chunks and records the generation it completed (``done``); a request is pending while its
``generation`` is above ``done``."""

from __future__ import annotations

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document
from services.notifications.adapters import documents as d


async def request_replan(
    db: AsyncDatabase[Document], pipeline_id: str, session: AsyncClientSession | None = None
) -> int:
    """Count the pipeline's request generation up; returns the new generation."""
    await db[d.REPLANS].update_one(
        {"_id": pipeline_id}, {"$inc": {"generation": 1}}, upsert=True, session=session
    )
    doc = await db[d.REPLANS].find_one({"_id": pipeline_id}, session=session)
    return int(doc["generation"]) if doc else 0


class MongoReplanRequests:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._db = db

    async def request_all(self) -> int:
        """Ask for every pipeline that has open opportunities; returns how many."""
        pipelines = await self._db[d.OPPORTUNITIES].distinct("pipeline_id", {"status": "OPEN"})
        for pipeline_id in pipelines:
            await request_replan(self._db, pipeline_id)
        return len(pipelines)

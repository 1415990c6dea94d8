"""Rebuild jobs in MongoDB: one document per job, and one lease document that lets one run at a
time (its unique ``_id`` is the lock; MongoDB refuses a second insert of it)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bson import ObjectId
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from servicekit.mongo import Document, Index
from services.reporting.domain.rebuild_job import STALE_AFTER, JobState, RebuildJob

JOBS = "rebuild_jobs"
LEASE = "rebuild_lease"
LEASE_ID = "rebuild"

REBUILD_JOB_INDEXES = [Index(JOBS, [("started_at", -1)], "rebuild_jobs_started_at")]


def _job(doc: Document) -> RebuildJob:
    return RebuildJob(
        id=doc["_id"], state=JobState(doc["state"]), started_at=doc["started_at"],
        updated_at=doc["updated_at"], replayed_events=doc.get("replayed_events", 0),
        total_events=doc.get("total_events"), generation=doc.get("generation"),
        finished_at=doc.get("finished_at"), error=doc.get("error"),
    )  # fmt: skip


class MongoRebuildJobs:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._db = db

    async def start(self, now: datetime) -> tuple[RebuildJob, bool]:
        """A new running job, and True; or the job already running, and False."""
        job = RebuildJob(str(ObjectId()), JobState.RUNNING, now, now)
        try:
            await self._db[LEASE].insert_one({"_id": LEASE_ID, "job": job.id, "heartbeat_at": now})
        except DuplicateKeyError:
            lease = await self._db[LEASE].find_one({"_id": LEASE_ID})
            if lease is None:  # released meanwhile: try once more
                return await self.start(now)
            if lease["heartbeat_at"] >= now - STALE_AFTER:
                # A fresh lease is a running job, even one whose document its starter has not
                # written yet (the lease goes first): taking it over would fail that job.
                running = await self.get(lease["job"])
                if running is None:
                    started = lease["heartbeat_at"]
                    running = RebuildJob(lease["job"], JobState.RUNNING, started, started)
                return running, False
            taken = await self._db[LEASE].update_one(
                {"_id": LEASE_ID, "job": lease["job"], "heartbeat_at": lease["heartbeat_at"]},
                {"$set": {"job": job.id, "heartbeat_at": now}},
            )
            if taken.modified_count == 0:  # another start took it first
                return await self.start(now)
            await self._end(lease["job"], JobState.FAILED, now, error="stopped reporting progress")
        await self._db[JOBS].insert_one(
            {"_id": job.id, "state": job.state.value, "started_at": now, "updated_at": now,
             "replayed_events": 0}
        )  # fmt: skip
        return job, True

    async def progress(self, job: RebuildJob, replayed: int, total: int | None, now: datetime) -> RebuildJob:
        fields: Document = {"replayed_events": replayed, "updated_at": now}
        if total is not None:
            fields["total_events"] = total
        await self._db[JOBS].update_one({"_id": job.id, "state": JobState.RUNNING.value}, {"$set": fields})
        await self._db[LEASE].update_one({"_id": LEASE_ID, "job": job.id}, {"$set": {"heartbeat_at": now}})
        return replace(job, replayed_events=replayed, total_events=total, updated_at=now)

    async def finish(
        self, job: RebuildJob, state: JobState, now: datetime, *, generation: int | None = None,
        error: str | None = None,
    ) -> None:  # fmt: skip
        await self._end(job.id, state, now, generation=generation, error=error)
        await self._db[LEASE].delete_one({"_id": LEASE_ID, "job": job.id})

    async def _end(
        self, job_id: str, state: JobState, now: datetime, *, generation: int | None = None,
        error: str | None = None,
    ) -> None:  # fmt: skip
        fields: Document = {"state": state.value, "finished_at": now, "updated_at": now}
        if generation is not None:
            fields["generation"] = generation
        if error is not None:
            fields["error"] = error[:1000]
        await self._db[JOBS].update_one({"_id": job_id, "state": JobState.RUNNING.value}, {"$set": fields})

    async def get(self, job_id: str | None = None) -> RebuildJob | None:
        """That job, or the latest one."""
        if job_id is not None:
            doc = await self._db[JOBS].find_one({"_id": job_id})
        else:
            doc = await anext(aiter(self._db[JOBS].find().sort("started_at", -1).limit(1)), None)
        return _job(doc) if doc else None

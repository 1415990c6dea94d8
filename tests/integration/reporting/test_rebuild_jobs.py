"""Rebuild jobs: one at a time, a dead one replaced, every end recorded."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.reporting.adapters.collections import Generation
from services.reporting.adapters.projection_store import MongoGenerations
from services.reporting.adapters.rebuild_jobs import MongoRebuildJobs
from services.reporting.application.rebuild import Progress, run_rebuild_job
from services.reporting.domain.rebuild_job import STALE_AFTER, JobState
from tests.support.histories import NOW


@pytest.fixture
def jobs(names, mongo_client) -> MongoRebuildJobs:
    return MongoRebuildJobs(mongo_client[names.db("reporting")])


async def test_a_second_start_while_one_runs_answers_with_the_running_job(jobs: MongoRebuildJobs) -> None:
    first, started = await jobs.start(NOW)
    again, started_again = await jobs.start(NOW + timedelta(seconds=5))
    assert (started, started_again) == (True, False)
    assert again.id == first.id
    await jobs.finish(first, JobState.SUCCEEDED, NOW + timedelta(seconds=6), generation=2)
    after, started_after = await jobs.start(NOW + timedelta(seconds=7))
    assert started_after and after.id != first.id
    assert (await jobs.get()) == after
    done = await jobs.get(first.id)
    assert done is not None and (done.state, done.generation) == (JobState.SUCCEEDED, 2)


async def test_a_job_that_stopped_reporting_is_failed_and_replaced(jobs: MongoRebuildJobs) -> None:
    dead, _ = await jobs.start(NOW)
    await jobs.progress(dead, 10, 100, NOW + timedelta(seconds=1))
    # Still within its time: it is followed, not replaced.
    assert (await jobs.start(NOW + STALE_AFTER))[0].id == dead.id
    replacement, started = await jobs.start(NOW + timedelta(seconds=2) + STALE_AFTER)
    assert started and replacement.id != dead.id
    failed = await jobs.get(dead.id)
    assert failed is not None
    assert (failed.state, failed.replayed_events, failed.error) == (
        JobState.FAILED,
        10,
        "stopped reporting progress",
    )


async def test_a_rebuild_that_fails_is_recorded_as_failed_and_frees_the_next(jobs: MongoRebuildJobs) -> None:
    job, _ = await jobs.start(NOW)

    async def broken(progress: Progress) -> tuple[Generation, int]:
        await progress(3, 50)
        raise ConnectionError("broker gone")

    with pytest.raises(ConnectionError):
        await run_rebuild_job(jobs, job, broken, lambda: NOW)
    ended = await jobs.get(job.id)
    assert ended is not None
    assert (ended.state, ended.replayed_events, ended.total_events) == (JobState.FAILED, 3, 50)
    assert ended.error is not None and "broker gone" in ended.error
    assert (await jobs.start(NOW))[1]


async def test_a_generation_left_half_built_is_built_again_from_nothing(names, mongo_client) -> None:
    generations = MongoGenerations(mongo_client, names.db("reporting"))
    abandoned = await generations.begin()
    await mongo_client[names.db("reporting")][abandoned.opportunities].insert_one({"_id": "half"})
    again = await generations.begin()
    assert again == abandoned == Generation(2)
    assert await mongo_client[names.db("reporting")][again.opportunities].count_documents({}) == 0

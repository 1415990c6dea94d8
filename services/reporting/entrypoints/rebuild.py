"""Rebuild the read model from the event log: ``python -m services.reporting.entrypoints.rebuild``.

Starts a rebuild job and runs it in this process, or, if one is running, follows that one
instead of starting a second; prints its progress until it ends. Administrators can start one
with the ``startReportingRebuild`` mutation too, and follow any with ``reportingRebuild``. Runs
beside the live consumers and API; reports switch to the rebuilt model when the job succeeds.
Exits 0 when the job succeeded, 1 when it failed.
"""

from __future__ import annotations

import asyncio
import sys

import httpx

from servicekit import tracing
from servicekit.logs import configure_logging, get_logger
from servicekit.mongo import open_client
from services.reporting.adapters.opportunity_replay import OpportunityReplay
from services.reporting.adapters.rebuild_runner import RebuildRunner
from services.reporting.domain.rebuild_job import JobState, RebuildJob
from services.reporting.settings import ReportingSettings

log = get_logger(__name__)


def _print_progress(job: RebuildJob) -> None:
    total = "?" if job.total_events is None else f"{job.total_events:,}"
    print(f"rebuild {job.id}: {job.state.value}, {job.replayed_events:,} of {total} events", flush=True)


async def main() -> int:
    settings = ReportingSettings()
    configure_logging("reporting-rebuild", settings.log_level, json=settings.log_json)
    tracing.configure_tracing("reporting-rebuild")
    client = open_client(settings.mongodb_url)
    try:
        async with httpx.AsyncClient() as http:
            replay = OpportunityReplay(
                http, settings.opportunity_graphql_url, settings.internal_secret.get_secret_value()
            )
            runner = RebuildRunner(settings, client, replay)
            job, started = await runner.start()
            if not started:
                log.info("a rebuild is already running: following it", job=job.id)
            try:
                job = await runner.follow(job, _print_progress)
            finally:
                await runner.close()
        log.info("rebuild ended", job=job.id, state=job.state.value, generation=job.generation,
                 events=job.replayed_events, error=job.error)  # fmt: skip
    finally:
        await client.close()
    return 0 if job.state is JobState.SUCCEEDED else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))

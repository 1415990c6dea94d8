"""History older than the outbox's old 30-day retention still rebuilds reporting exactly.

The opportunity service's relay publishes a year of history to a live consumer and carries on
past its upkeep (where it used to prune rows older than 30 days); then reporting is rebuilt from
nothing, in a database of its own, by the rebuild job, and every report equals the live one.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from servicekit.mongo import ensure_indexes, in_transaction
from servicekit.outbox import CHECKPOINTS, LEASES, OUTBOX, OUTBOX_INDEXES, add_events
from services.opportunity.entrypoints.relay import opportunity_relay
from services.opportunity.settings import OpportunitySettings
from services.reporting.adapters.rebuild_runner import RebuildRunner
from services.reporting.bootstrap import build_services
from services.reporting.domain.rebuild_job import JobState, RebuildJob
from tests.integration.reporting.harness import (
    Replica,
    facts_applied,
    opportunity_event_count,
    settings_for,
    wait_for,
)
from tests.integration.reporting.test_rebuild import opportunity_service
from tests.integration.reporting.test_rollups import PERIODS
from tests.support.histories import NOW, generate

OLD_RETENTION = timedelta(days=30)


async def _every_report(reports) -> list:
    """Every report, for every period shape, as a manager would read it."""
    figures = []
    for flt in PERIODS:
        appraisal, overdue = await reports.rep_appraisal(flt), await reports.overdue(flt)
        stage_times, source_value = await reports.time_in_stage(flt), await reports.source_value(flt)
        forecast, calibration = await reports.forecast(flt), await reports.calibration(flt)
        figures.append((appraisal, overdue, stage_times, source_value, forecast, calibration))
    return figures


async def _checkpointed(client, database: str) -> bool:
    return await client[database][CHECKPOINTS].count_documents({"token": {"$exists": True}}) > 0


def _lease_renewed(client, database: str, expiry: datetime | None):
    async def renewed() -> bool:
        lease = await client[database][LEASES].find_one({})
        return lease is not None and (expiry is None or lease["expires_at"] > expiry)

    return renewed


async def test_a_rebuild_from_nothing_reproduces_every_report_of_history_older_than_a_month(
    names, mongodb_url, amqp_url, mongo_client
) -> None:
    live_settings = settings_for(names, mongodb_url, amqp_url, read_cache_seconds=0)
    rebuilt_settings = live_settings.model_copy(update={"database": names.db("reporting-rebuilt")})
    events = generate(80, seed=11)
    now = datetime.now(UTC)
    assert sum(e.time < now - OLD_RETENTION for e in events) > 0.9 * len(events)
    # Given the opportunity service's relay (as its process builds it), publishing to a live
    # reporting consumer,
    opportunity_db = mongo_client[names.db("opportunity")]
    await ensure_indexes(opportunity_db, OUTBOX_INDEXES)
    relay = opportunity_relay(
        opportunity_db,
        OpportunitySettings(
            mongodb_url=mongodb_url,
            amqp_url=amqp_url,
            database=names.db("opportunity"),
            exchange=names.exchange,
        ),
    )
    live = await Replica.start(live_settings, mongo_client, "live")
    stop = asyncio.Event()
    relaying = asyncio.create_task(relay.run(stop))
    try:
        await wait_for(lambda: _checkpointed(mongo_client, names.db("opportunity")), 30, "relay")
        # and a year of history written to its outbox and published,
        await in_transaction(mongo_client, lambda session: add_events(opportunity_db, session, events))
        await wait_for(
            await facts_applied(mongo_client, live_settings, opportunity_event_count(events)), what="live"
        )
        # and a relay that went on past its upkeep, where it used to drop rows older than 30 days,
        # (twice: the upkeep follows a renewal of the relay's lease)
        for _ in range(2):
            lease = await mongo_client[names.db("opportunity")][LEASES].find_one({})
            expiry = lease["expires_at"] if lease else None
            renewed = _lease_renewed(mongo_client, names.db("opportunity"), expiry)
            await wait_for(renewed, 30, "upkeep")
    finally:
        stop.set()
        await relaying
        await live.close()
    assert await opportunity_db[OUTBOX].count_documents({}) == len(events)

    # When reporting is rebuilt from nothing by a rebuild job, followed as it runs,
    seen: list[RebuildJob] = []
    async with opportunity_service(
        names, mongodb_url, amqp_url, live_settings.internal_secret.get_secret_value()
    ) as replay:
        runner = RebuildRunner(rebuilt_settings, mongo_client, replay)
        job, started = await runner.start()
        job = await runner.follow(job, seen.append, poll_seconds=0.05)
    assert started

    # then the job replayed the whole history, reporting its progress on the way,
    assert (job.state, job.replayed_events, job.total_events) == (
        JobState.SUCCEEDED,
        len(events),
        len(events),
    )
    assert seen[0].state is JobState.RUNNING
    assert [j.replayed_events for j in seen] == sorted(j.replayed_events for j in seen)
    # and every report, for every kind of period, equals the live one.
    live_reports = build_services(live_settings, mongo_client, clock=lambda: NOW).reports
    rebuilt_reports = build_services(rebuilt_settings, mongo_client, clock=lambda: NOW).reports
    live_figures = await _every_report(live_reports)
    assert all(live_figures[0]) and live_figures[0][0].reps and live_figures[0][3].by_source  # not empty
    assert await _every_report(rebuilt_reports) == live_figures

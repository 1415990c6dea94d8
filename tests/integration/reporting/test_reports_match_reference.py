"""A few hundred seeded random histories through the real broker into two competing replicas,
one killed mid-batch: every report equals the plain recomputation from the events, to the cent
and the second."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from services.reporting.adapters.projection_store import MongoProjectionStore
from services.reporting.application.policies import PolicyTerms, save_policy
from services.reporting.bootstrap import build_services
from services.reporting.domain.difficulty import DifficultyRules, SegmentRule, SizeBand
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.policy import CreditRule
from tests.integration.reporting import reference
from tests.integration.reporting.harness import (
    Replica,
    facts_applied,
    opportunity_event_count,
    publish,
    settings_for,
    wait_for,
)
from tests.support.histories import NOW, generate

PERIODS = [
    (None, None),  # open-ended
    (datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 9, 1, tzinfo=UTC)),  # whole months
    (datetime(2026, 4, 1, tzinfo=UTC), datetime(2026, 8, 15, tzinfo=UTC)),  # ends mid-month
]


@pytest.fixture
async def projected(names, mongodb_url, amqp_url, mongo_client):
    settings = settings_for(names, mongodb_url, amqp_url, consumer_prefetch=16)
    events = generate(300, seed=20261128)
    expected = opportunity_event_count(events)
    first = await Replica.start(settings, mongo_client, "replica-a")
    second = await Replica.start(settings, mongo_client, "replica-b")
    try:
        await publish(amqp_url, settings.exchange, events)
        await wait_for(
            await facts_applied(mongo_client, settings, expected // 4), what="a quarter of the events"
        )
        await first.kill()  # mid-batch: its unacked deliveries return to the queue
        await wait_for(await facts_applied(mongo_client, settings, expected), timeout=240, what="all facts")
        await publish(amqp_url, settings.exchange, events[:200])  # late duplicates change nothing
        await wait_for(lambda: _queue_drained(amqp_url, settings.queue_name), what="duplicates consumed")
    finally:
        await second.close()
    services = build_services(settings, mongo_client, clock=lambda: NOW)
    return services, reference.World(events)


async def _queue_drained(amqp_url: str, queue: str) -> bool:
    import aio_pika

    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel()
        declared = await channel.declare_queue(queue, passive=True)
        return declared.declaration_result.message_count == 0
    finally:
        await connection.close()


async def test_every_report_equals_the_reference_after_a_replica_dies(projected, names, mongo_client) -> None:
    services, world = projected
    # First with every month rollup dirty (these replicas do not rebuild them): months computed
    # from the opportunities; then with all of them rebuilt.
    await check_reports(services, world, False, now=NOW)
    store = MongoProjectionStore(mongo_client, names.db("reporting"))
    assert await store.build_rollups() > 10
    for shared in (False, True):
        await check_reports(services, world, shared, now=NOW)


# The shared-credit policy also sets difficulty by segment and deal size, and a launch window.
RULES = DifficultyRules(
    segments=(SegmentRule("ENTERPRISE", Decimal("1.3")), SegmentRule("SMB", Decimal("0.9"))),
    size_bands=(SizeBand("TWD", Decimal("10000"), None, Decimal("1.2")),
                SizeBand("USD", Decimal("0"), Decimal("5000"), Decimal("0.8"))),
)  # fmt: skip
REFERENCE_RULES = {
    "segments": {"ENTERPRISE": Decimal("1.3"), "SMB": Decimal("0.9")},
    "bands": [
        ("TWD", Decimal(10000), None, Decimal("1.2")),
        ("USD", Decimal(0), Decimal(5000), Decimal("0.8")),
    ],
    "window": 45,
}


async def check_reports(services, world, shared: bool, now) -> None:
    """Every report of ``services`` equals the reference over ``world``, for two periods."""
    reports = services.reports
    terms = PolicyTerms(Decimal("100"), Decimal("50"), Decimal("30"),
                        CreditRule.SHARED_BY_TIME_OWNED if shared else CreditRule.OWNER_AT_CLOSE)  # fmt: skip
    policy: dict = {"base": Decimal(100), "customer": Decimal(50), "product": Decimal(30), "shared": shared}
    if shared:
        terms = replace(terms, difficulty_rules=RULES, launch_window_days=45)
        policy |= REFERENCE_RULES
        await save_policy(services.policies, terms, lambda: now, "u-admin")
    for start, end in PERIODS:
        flt = ReportFilter(start, end)
        appraisal = await reports.rep_appraisal(flt)
        assert appraisal.policy.credit_rule == terms.credit_rule
        got = {
            r.rep_id: (r.owned, r.won, r.lost, r.win_rate, {m.currency: m.amount for m in r.won_amount},
                       r.average_cycle_seconds, r.overdue, r.score)
            for r in appraisal.reps
        }  # fmt: skip
        assert got == reference.appraisal(world, start, end, now.date(), policy)
        if shared and start is None:  # the rules and the window change the scores compared
            plain = {key: policy[key] for key in ("base", "customer", "product", "shared")}
            assert got != reference.appraisal(world, start, end, now.date(), plain)
        assert sum(r.won for r in appraisal.reps) > 5  # the comparison is not vacuous
        if shared:
            continue
        overdue = {
            r.rep_id: (sorted((o.opportunity_id, o.days_overdue) for o in r.opportunities), r.closed, r.closed_late,
                       r.slips, r.slipped_opportunities)
            for r in await reports.overdue(flt)
        }  # fmt: skip
        assert overdue == reference.overdue(world, start, end, now.date())
        stage_report = await reports.time_in_stage(flt)
        times = reference.stage_times(world, start, end)
        got_overall = {
            (p.pipeline_id, s.stage_key): (s.overall.count, s.overall.mean, s.overall.median, s.overall.p90)
            for p in stage_report for s in p.stages if s.overall
        }  # fmt: skip
        got_per_rep = {
            (p.pipeline_id, s.stage_key, r.rep_id): (r.stats.count, r.stats.mean, r.stats.median, r.stats.p90)
            for p in stage_report for s in p.stages for r in s.per_rep
        }  # fmt: skip
        assert got_overall == times["overall"]
        assert got_per_rep == times["per_rep"]
        got_funnel = {(p.pipeline_id, s.stage_key): s.reached for p in stage_report for s in p.stages}
        assert got_funnel == reference.funnel(world, start, end)
        got_calibration = {
            (p.pipeline_id, s.stage_key): (s.reached_and_closed, s.won)
            for p in await reports.calibration(flt) for s in p.stages
        }  # fmt: skip
        assert got_calibration == reference.calibration(world, start, end)
        sources = await reports.source_value(flt)
        got_sources = {
            s.key: (s.opportunities, s.won, s.lost, s.average_cycle_seconds,
                    {m.currency: (m.won_revenue, m.open_pipeline, m.weighted_pipeline, m.cost, m.roi) for m in s.money})
            for s in sources.by_source
        }  # fmt: skip
        assert got_sources == reference.source_value(world, start, end)
        forecast = await reports.forecast(flt)
        got_forecast = {
            (x.month, x.group, x.currency): (x.opportunities, x.amount, x.weighted) for x in forecast.by_rep
        }
        assert got_forecast == reference.forecast(world, start, end)

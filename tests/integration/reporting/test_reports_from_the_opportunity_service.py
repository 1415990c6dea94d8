"""Histories made through the opportunity service itself (its use cases, its outbox, its relay),
projected by the reporting consumer: every report equals the plain recomputation from the
opportunity service's own retained events."""

from __future__ import annotations

import asyncio
import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from contracts.envelope import CloudEvent
from servicekit.identity import SYSTEM
from servicekit.outbox import OUTBOX, OutboxRelay, envelope_of
from services.opportunity.application.assign import AssignOpportunities, Target, assign_opportunities
from services.opportunity.application.create_opportunity import CreateOpportunity, create_opportunity
from services.opportunity.application.edit_opportunity import ChangeCloseDate, change_expected_close_date
from services.opportunity.application.move_stage import MoveStage, move_opportunity_stage
from services.opportunity.application.sources import SourceFields, create_source
from services.opportunity.application.users import CreateUser, create_user
from services.opportunity.bootstrap import prepare, wire
from services.opportunity.domain.source import SourceKind
from services.opportunity.domain.user import Role
from services.opportunity.settings import OpportunitySettings
from services.reporting.bootstrap import build_services
from tests.integration.reporting import reference
from tests.integration.reporting.harness import (
    Replica,
    facts_applied,
    opportunity_event_count,
    settings_for,
    wait_for,
)
from tests.integration.reporting.test_reports_match_reference import check_reports

OPPORTUNITIES = 120
END = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


async def _is(value: bool) -> bool:
    return value


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


async def _make_histories(wiring, clock: Clock, rng: random.Random) -> None:
    ports = wiring.ports
    reps = [
        await create_user(CreateUser(f"Rep {i}", f"rep{i}@example.com", Role.REP, "north" if i % 2 else "south",
                                     id=f"u-{i}"), SYSTEM, ports)
        for i in range(1, 6)
    ]  # fmt: skip
    sources = [
        await create_source(SourceFields("Computex", SourceKind.TRADE_SHOW, cost_amount="250000", cost_currency="TWD"),
                            SYSTEM, ports),
        await create_source(SourceFields("Hannover", SourceKind.OVERSEAS_EXHIBITION, cost_amount="18000",
                                         cost_currency="USD"), SYSTEM, ports),
        await create_source(SourceFields("Website", SourceKind.ONLINE_REGISTRATION), SYSTEM, ports),
    ]  # fmt: skip
    pipeline = await ports.pipelines.default()
    open_stages = [s.key for s in sorted(pipeline.stages, key=lambda s: s.position) if s.kind.value == "OPEN"]
    won = next(s.key for s in pipeline.stages if s.kind.value == "WON")
    lost = next(s.key for s in pipeline.stages if s.kind.value == "LOST")
    for n in range(OPPORTUNITIES):
        clock.now = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.randrange(280 * 86400))
        opp = await create_opportunity(
            CreateOpportunity(
                title=f"Deal {n}", customer_name=f"Customer {n % 40}", amount=str(Decimal(rng.randrange(10_000, 900_000)) / 100),
                currency=rng.choice(["TWD", "USD"]), expected_close_date=(clock.now + timedelta(days=rng.randrange(20, 120))).date(),
                owner_id=rng.choice(reps).id,
                source_id=rng.choice([*[s.id for s in sources], None]), difficulty=rng.choice(["0.8", "1", "1.5", "2"]),
            ),
            SYSTEM, ports,
        )  # fmt: skip
        for _ in range(rng.randrange(0, 8)):
            clock.now += timedelta(seconds=rng.randrange(3600, 20 * 86400))
            if clock.now >= END:
                break
            roll = rng.random()
            if not opp.is_open:
                if roll < 0.2:
                    opp = await move_opportunity_stage(
                        MoveStage(opp.id, opp.version, open_stages[0], reopen=True), SYSTEM, ports
                    )
                continue
            position = open_stages.index(opp.stage.key)
            if roll < 0.45 and position + 1 < len(open_stages):
                opp = await move_opportunity_stage(
                    MoveStage(opp.id, opp.version, open_stages[position + 1]), SYSTEM, ports
                )
            elif roll < 0.52 and position > 0:
                opp = await move_opportunity_stage(
                    MoveStage(opp.id, opp.version, open_stages[position - 1]), SYSTEM, ports
                )
            elif roll < 0.64:
                opp = await move_opportunity_stage(MoveStage(opp.id, opp.version, won), SYSTEM, ports)
            elif roll < 0.74:
                opp = await move_opportunity_stage(
                    MoveStage(opp.id, opp.version, lost, lost_reason_key="price"), SYSTEM, ports
                )
            elif roll < 0.87:
                new_date = opp.expected_close_date + timedelta(days=rng.choice([-7, 14, 30]))
                opp = await change_expected_close_date(
                    ChangeCloseDate(opp.id, opp.version, new_date), SYSTEM, ports
                )
            else:
                to = rng.choice([r for r in reps if r.id != opp.owner_id])
                await assign_opportunities(
                    AssignOpportunities([Target(opp.id, opp.version)], to.id), SYSTEM,
                    users=ports.users, store=wiring.work.assignments, clock=clock,
                )  # fmt: skip
                opp = await ports.opportunities.get(opp.id)


@pytest.mark.timeout(600)
async def test_reports_equal_the_reference_for_histories_made_by_the_opportunity_service(
    names, mongodb_url, amqp_url, mongo_client
) -> None:
    clock = Clock()
    opp_settings = OpportunitySettings(mongodb_url=mongodb_url, amqp_url=amqp_url, database=names.db("opportunity"),
                                       exchange=names.exchange, seed_default_pipeline=True)  # fmt: skip
    wiring = wire(opp_settings, mongo_client)
    wiring = replace(wiring, ports=replace(wiring.ports, clock=clock, evidence_gate=None))
    settings = settings_for(names, mongodb_url, amqp_url)
    replica = await Replica.start(settings, mongo_client, "reporting")
    relay = OutboxRelay(mongo_client[opp_settings.database], amqp_url=amqp_url, exchange=names.exchange)
    stop = asyncio.Event()
    relaying = asyncio.create_task(relay.run(stop))
    try:
        await wait_for(lambda: _is(relay.connected), timeout=30, what="the relay")
        await prepare(wiring)
        await _make_histories(wiring, clock, random.Random(2026))
        outbox = mongo_client[opp_settings.database][OUTBOX]
        events = [CloudEvent.model_validate(envelope_of(row)) async for row in outbox.find()]
        assert sum(1 for e in events if e.type == "opportunity.assigned") > 5
        expected = opportunity_event_count(events)
        await wait_for(
            await facts_applied(mongo_client, settings, expected), timeout=240, what="the projection"
        )
    finally:
        stop.set()
        await relaying
        await replica.close()
    services = build_services(settings, mongo_client, clock=lambda: END)
    world = reference.World(events)
    for shared in (False, True):
        await check_reports(services, world, shared, now=END)

"""Alerts planned beyond the horizon wait in the wheel, off the schedule, and are delivered on
time all the same: once, at their latest plan, not at all once ended, late (but once) after a
scheduler was down, and once however many schedulers bring them on."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from services.notifications.adapters.alert_wheel import bring_onto_schedule
from services.notifications.adapters.documents import ALERTS, WHEEL
from tests.integration.notifications.conftest import Service
from tests.integration.notifications.factories import T0, opportunity_event, snapshot

DAY = timedelta(days=1)
CLOSE_IN_30_DAYS = (T0 + 30 * DAY).date()  # the upcoming alert is due in 23 days


async def _on_schedule(service: Service, opportunity_id: str) -> set[str]:
    docs = service.db[ALERTS].find({"opportunity_id": opportunity_id, "state": "PENDING"})
    return {doc["kind"] async for doc in docs}


async def test_an_alert_due_weeks_ahead_waits_in_the_wheel_and_goes_out_on_its_morning(
    service: Service,
) -> None:
    await service.publish(
        opportunity_event("opportunity.created", snapshot("far", version=1, close=CLOSE_IN_30_DAYS))
    )
    assert await _on_schedule(service, "far") == set()
    assert (await service.alerts("far"))["UPCOMING_CLOSE"]["due_at"] == T0 + 23 * DAY

    scheduler = service.scheduler()
    service.clock.advance(21 * DAY)
    assert (await scheduler.tick()).delivered == 0
    assert await _on_schedule(service, "far") == set()  # two days ahead: still waiting
    service.clock.advance(DAY)
    assert (await scheduler.tick()).delivered == 0
    assert await _on_schedule(service, "far") == {"UPCOMING_CLOSE"}  # its day is within the horizon
    service.clock.advance(DAY)
    assert (await scheduler.tick()).delivered == 1
    inbox = await service.wait_for_inbox("rep-1", 1)
    assert [(n["subject"], n["late"]) for n in inbox] == [("Closing in 7 days: Deal far", False)]
    assert (await scheduler.tick()).delivered == 0


async def test_an_alert_planned_again_goes_out_at_its_latest_plan_only(service: Service) -> None:
    first = snapshot("moved", version=1, close=CLOSE_IN_30_DAYS)
    await service.publish(opportunity_event("opportunity.created", first))
    # Brought onto the schedule, then moved far again: it leaves the schedule for the wheel.
    service.clock.advance(22 * DAY)
    await service.scheduler().tick()
    assert await _on_schedule(service, "moved") == {"UPCOMING_CLOSE"}
    later = CLOSE_IN_30_DAYS + 10 * DAY
    await service.publish(
        opportunity_event(
            "opportunity.close_date_changed",
            snapshot("moved", version=2, close=later),
            previous_close=first.expected_close_date,
        )
    )
    assert await _on_schedule(service, "moved") == set()

    scheduler = service.scheduler()
    for _ in range(14):  # a tick a day past both of its dates: only the latest plan goes out
        service.clock.advance(DAY)
        await scheduler.tick()
    inbox = await service.wait_for_inbox("rep-1", 1)
    await service.settle()
    assert [n["subject"] for n in await service.inbox("rep-1")] == ["Closing in 7 days: Deal moved"]
    assert inbox[0]["due_at"] == T0 + 33 * DAY


async def test_an_opportunity_won_while_its_alerts_wait_is_never_alerted(service: Service) -> None:
    await service.publish(
        opportunity_event("opportunity.created", snapshot("won", version=1, close=CLOSE_IN_30_DAYS)),
        opportunity_event("opportunity.won", snapshot("won", version=2, close=CLOSE_IN_30_DAYS, stage="won")),
    )
    scheduler = service.scheduler()
    service.clock.advance(40 * DAY)
    assert (await scheduler.tick()).delivered == 0
    assert await service.db[WHEEL].count_documents({}) == 0  # its listings were passed over
    assert await service.inbox("rep-1") == []


async def test_a_scheduler_down_for_weeks_sends_what_came_due_once_and_late(service: Service) -> None:
    await service.publish(
        opportunity_event("opportunity.created", snapshot("down", version=1, close=CLOSE_IN_30_DAYS))
    )
    service.clock.advance(35 * DAY)  # past the upcoming alert and the overdue one
    scheduler = service.scheduler()
    assert (await scheduler.tick()).delivered == 2
    assert (await scheduler.tick()).delivered == 0
    inbox = await service.wait_for_inbox("rep-1", 2)
    assert sorted((n["kind"], n["late"]) for n in inbox) == [("OVERDUE", True), ("UPCOMING_CLOSE", True)]


async def test_two_schedulers_bringing_the_same_days_on_schedule_each_alert_once(service: Service) -> None:
    await service.publish(
        *(
            opportunity_event("opportunity.created", snapshot(f"opp-{i}", version=1, close=CLOSE_IN_30_DAYS))
            for i in range(40)
        )
    )
    now = service.clock.now() + 22 * DAY
    storage = service.storage
    moved = await asyncio.gather(
        *(bring_onto_schedule(storage.client, storage.db, now, chunk=1) for _ in range(2))
    )
    assert sum(moved) == 40  # the 40 upcoming alerts, each scheduled by one of the two
    assert await service.db[ALERTS].count_documents({"kind": "UPCOMING_CLOSE"}) == 40

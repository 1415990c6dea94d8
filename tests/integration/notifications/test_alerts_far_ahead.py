"""Alerts planned weeks ahead are on the schedule from the start and go out on time all the
same: once, at their latest plan, not at all once ended, late (but once) after a scheduler was
down. Alerts an earlier version listed in its wheel are moved onto the schedule at start-up."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from services.notifications.adapters.alert_layout import move_listed_alerts
from services.notifications.adapters.documents import ALERT_RECORDS, ALERTS, OPPORTUNITIES, RETIRED_WHEEL
from tests.integration.notifications.conftest import Service
from tests.integration.notifications.factories import T0, opportunity_event, snapshot

DAY = timedelta(days=1)
CLOSE_IN_30_DAYS = (T0 + 30 * DAY).date()  # the upcoming alert is due in 23 days


async def _on_schedule(service: Service, opportunity_id: str) -> dict[str, object]:
    docs = service.db[ALERTS].find({"opportunity_id": opportunity_id, "state": "PENDING"})
    return {doc["kind"]: doc["due_at"] async for doc in docs}


async def test_an_alert_due_weeks_ahead_is_scheduled_at_once_and_goes_out_on_its_morning(
    service: Service,
) -> None:
    await service.publish(
        opportunity_event("opportunity.created", snapshot("far", version=1, close=CLOSE_IN_30_DAYS))
    )
    assert (await _on_schedule(service, "far"))["UPCOMING_CLOSE"] == T0 + 23 * DAY

    scheduler = service.scheduler()
    service.clock.advance(22 * DAY)
    assert (await scheduler.tick()).delivered == 0
    service.clock.advance(DAY)
    assert (await scheduler.tick()).delivered == 1
    inbox = await service.wait_for_inbox("rep-1", 1)
    assert [(n["subject"], n["late"]) for n in inbox] == [("Closing in 7 days: Deal far", False)]
    assert (await scheduler.tick()).delivered == 0


async def test_an_alert_planned_again_goes_out_at_its_latest_plan_only(service: Service) -> None:
    first = snapshot("moved", version=1, close=CLOSE_IN_30_DAYS)
    await service.publish(opportunity_event("opportunity.created", first))
    later = CLOSE_IN_30_DAYS + 10 * DAY
    await service.publish(
        opportunity_event(
            "opportunity.close_date_changed",
            snapshot("moved", version=2, close=later),
            previous_close=first.expected_close_date,
        )
    )
    assert (await _on_schedule(service, "moved"))["UPCOMING_CLOSE"] == T0 + 33 * DAY

    scheduler = service.scheduler()
    for _ in range(34):  # a tick a day past both of its dates: only the latest plan goes out
        service.clock.advance(DAY)
        await scheduler.tick()
    inbox = await service.wait_for_inbox("rep-1", 1)
    await service.settle()
    upcoming = [n for n in await service.inbox("rep-1") if n["kind"] == "UPCOMING_CLOSE"]
    assert [n["subject"] for n in upcoming] == ["Closing in 7 days: Deal moved"]
    assert upcoming[0]["due_at"] == T0 + 33 * DAY
    assert inbox


async def test_an_opportunity_won_before_its_alerts_is_never_alerted(service: Service) -> None:
    await service.publish(
        opportunity_event("opportunity.created", snapshot("won", version=1, close=CLOSE_IN_30_DAYS)),
        opportunity_event("opportunity.won", snapshot("won", version=2, close=CLOSE_IN_30_DAYS, stage="won")),
    )
    assert await _on_schedule(service, "won") == {}  # ended alerts leave the schedule
    scheduler = service.scheduler()
    service.clock.advance(40 * DAY)
    assert (await scheduler.tick()).delivered == 0
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


async def test_alerts_an_earlier_version_listed_in_its_wheel_are_scheduled_once_at_start_up(
    service: Service,
) -> None:
    await service.publish(
        *(
            opportunity_event("opportunity.created", snapshot(f"opp-{i}", version=1, close=CLOSE_IN_30_DAYS))
            for i in range(40)
        ),
        opportunity_event(
            "opportunity.won", snapshot("opp-0", version=2, close=CLOSE_IN_30_DAYS, stage="won")
        ),
    )
    # As the earlier version left them: the upcoming alerts off the schedule, listed by due day
    # (opp-0's listing stale: it was won since).
    copies = await service.db[OPPORTUNITIES].find({"_id": {"$regex": "^opp-"}}).to_list()
    listed = []
    for copy in copies:
        record = copy[ALERT_RECORDS]["UPCOMING_CLOSE"]
        entry = {"opportunity_id": copy["_id"], "kind": "UPCOMING_CLOSE", "due_at": record["due_at"]}
        listed.append(entry)
        if record["state"] == "PENDING":
            await service.db[ALERTS].delete_one({"_id": f"{copy['_id']}:UPCOMING_CLOSE"})
            await service.db[OPPORTUNITIES].update_one(
                {"_id": copy["_id"]}, {"$set": {f"{ALERT_RECORDS}.UPCOMING_CLOSE.in_schedule": False}}
            )
    await service.db[RETIRED_WHEEL].insert_many(
        [{"day": "later", "alerts": listed[start : start + 4]} for start in range(0, len(listed), 4)]
    )

    storage = service.storage
    moved = await asyncio.gather(*(move_listed_alerts(storage.client, storage.db, chunk=1) for _ in range(2)))
    assert sum(moved) == 39  # each still-pending alert by one of two processes starting at once
    assert await service.db[RETIRED_WHEEL].count_documents({}) == 0
    assert await service.db[ALERTS].count_documents({"kind": "UPCOMING_CLOSE", "state": "PENDING"}) == 39

    service.clock.advance(23 * DAY)
    assert (await service.scheduler().tick()).delivered == 39

"""The scheduler: two at once deliver once; one that was down catches up, late, once."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import dramatiq
import pytest

from servicekit.mongo import in_transaction
from services.notifications import bootstrap
from services.notifications.adapters.dramatiq_delivery import declare_actors, make_broker
from services.notifications.adapters.mongo_schedule import MongoSchedule
from tests.conftest import free_port
from tests.integration.notifications.conftest import Service
from tests.integration.notifications.factories import T0, opportunity_event, snapshot

DAY = timedelta(days=1)


async def _opportunities_due_tomorrow(service: Service, count: int) -> None:
    await service.publish(
        *(
            opportunity_event(
                "opportunity.created", snapshot(f"opp-{i}", version=1, close=(T0 + 8 * DAY).date())
            )
            for i in range(count)
        )
    )


async def test_two_schedulers_running_at_once_deliver_each_alert_once(service: Service) -> None:
    await _opportunities_due_tomorrow(service, 20)
    first, second = service.scheduler("scheduler-a"), service.scheduler("scheduler-b")
    service.clock.advance(DAY)

    results = await asyncio.gather(first.tick(), second.tick(), first.tick(), second.tick())

    assert sum(r.delivered for r in results) == 20
    inbox = await service.wait_for_inbox("rep-1", 20)
    await service.settle()
    assert len(await service.inbox("rep-1")) == len(inbox) == 20
    assert len({n["opportunity_ids"][0] for n in inbox}) == 20


async def test_a_scheduler_down_across_the_due_time_delivers_once_on_restart_marked_late(
    service: Service,
) -> None:
    await _opportunities_due_tomorrow(service, 1)
    service.clock.advance(3 * DAY)  # nobody ticked while the alert came due

    restarted = service.scheduler("scheduler-restarted")
    assert (await restarted.tick()).delivered == 1
    assert (await restarted.tick()).delivered == 0

    inbox = await service.wait_for_inbox("rep-1", 1)
    await service.settle()
    assert [(n["kind"], n["late"]) for n in inbox] == [("UPCOMING_CLOSE", True)]
    assert (await service.alerts("opp-0"))["UPCOMING_CLOSE"]["last_late"] is True


async def test_an_alert_claimed_by_a_scheduler_that_died_is_taken_over_after_its_lease(
    service: Service,
) -> None:
    await _opportunities_due_tomorrow(service, 1)
    service.clock.advance(DAY)
    # A scheduler claims the alert, then dies before handing it over.
    schedule = MongoSchedule(service.storage.client, service.db, service.storage.policies)
    now = service.clock.now()
    claim = await schedule.claim(
        await schedule.due(now, 10), "scheduler-dead", now, now + timedelta(seconds=60)
    )
    assert len(claim.alerts) == 1

    survivor = service.scheduler("scheduler-survivor")
    assert (await survivor.tick()).delivered == 0  # the lease still holds
    service.clock.advance(timedelta(seconds=61))
    assert (await survivor.tick()).delivered == 1
    assert len(await service.wait_for_inbox("rep-1", 1)) == 1


async def test_alerts_a_scheduler_could_not_hand_over_are_taken_by_the_next_tick_not_after_the_lease(
    service: Service,
) -> None:
    await _opportunities_due_tomorrow(service, 3)
    service.clock.advance(DAY)
    # A scheduler whose broker cannot be reached: it claims the alerts, then its sends fail.
    unreachable = make_broker(f"amqp://guest:guest@127.0.0.1:{free_port()}/")
    cut_off = declare_actors(
        unreachable,
        bootstrap.delivery_options(service.settings),
        bootstrap.WorkerResources(service.settings).channels,
    )
    failing, queue = bootstrap.scheduler(
        service.storage, service.settings, cut_off, service.clock, "scheduler-cut-off"
    )
    service.schedulers.append(queue)
    try:
        with pytest.raises(dramatiq.errors.BrokerConnectionError):
            await failing.tick()
    finally:
        await asyncio.to_thread(unreachable.close)

    # At the same moment, well inside the 60 s lease, another scheduler hands them over.
    assert (await service.scheduler("scheduler-b").tick()).delivered == 3
    assert len(await service.wait_for_inbox("rep-1", 3)) == 3


async def test_an_overdue_opportunity_is_reminded_every_n_days_until_closed(service: Service) -> None:
    close = (T0 + DAY).date()
    await service.publish(
        opportunity_event("opportunity.created", snapshot("opp-od", version=1, close=close))
    )
    scheduler = service.scheduler()
    await scheduler.tick()  # the upcoming-close alert (its time has already come)
    service.clock.advance(2 * DAY)  # the morning after the close date
    assert (await scheduler.tick()).delivered == 1
    service.clock.advance(3 * DAY)  # the default reminder interval
    assert (await scheduler.tick()).delivered == 1

    kinds = [n["subject"].split(":")[0] for n in await service.wait_for_inbox("rep-1", 3)]
    assert kinds == ["Closing in 1 day", "Overdue", "Still overdue"]

    await service.publish(
        opportunity_event("opportunity.lost", snapshot("opp-od", version=2, close=close, stage="lost"))
    )
    service.clock.advance(30 * DAY)
    assert (await scheduler.tick()).delivered == 0


async def test_finding_due_alerts_reads_only_the_due_ones(service: Service) -> None:
    far = (T0 + 90 * DAY).date()
    await service.publish(
        *(
            opportunity_event("opportunity.created", snapshot(f"far-{i}", version=1, close=far))
            for i in range(100)
        )
    )
    await _opportunities_due_tomorrow(service, 3)
    service.clock.advance(DAY)

    explain = await service.db.command(
        "explain",
        {
            "find": "alerts",
            "filter": {"state": "PENDING", "due_at": {"$lte": service.clock.now()}},
            "limit": 200,
        },
        verbosity="executionStats",
    )
    assert explain["executionStats"]["nReturned"] == 3
    assert explain["executionStats"]["totalDocsExamined"] == 3
    # The far ones (upcoming and overdue alerts of the 100, overdue alerts of the 3) are on the
    # schedule too, and the find never looks at them.
    assert await service.db["alerts"].count_documents({"state": "PENDING"}) == 206


async def test_indexes_an_earlier_version_declared_are_dropped_at_start_up(service: Service) -> None:
    # Every index on the schedule and the copies is paid for on each document the consumer writes.
    alerts, copies = service.db["alerts"], service.db["opportunities"]
    await copies.create_index([("status", 1), ("expected_close_date", 1)], name="opportunities_status_close")
    await alerts.create_index([("state", 1), ("lease_expires_at", 1)], name="alerts_state_lease")
    await alerts.create_index([("lease_token", 1)], name="alerts_lease_token", sparse=True)
    await copies.create_index(
        [("pipeline_id", 1), ("status", 1), ("_id", 1)], name="opportunities_pipeline_status_id"
    )
    await alerts.create_index([("opportunity_id", 1), ("state", 1)], name="alerts_opportunity_state")
    await alerts.create_index([("state", 1), ("due_at", 1)], name="alerts_state_due")

    await bootstrap.prepare_indexes(service.db)
    await bootstrap.prepare_indexes(service.db)  # a second process starting finds nothing to drop

    assert {ix["name"] async for ix in await alerts.list_indexes()} == {
        "_id_",
        "alerts_pending_due",
        "alerts_claimed_lease",
    }
    assert {ix["name"] async for ix in await copies.list_indexes()} == {"_id_"}


async def test_claims_go_through_while_transactions_write_the_same_alerts(service: Service) -> None:
    # Given alerts due, which the consumer's transactions keep writing (re-planning) meanwhile,
    await _opportunities_due_tomorrow(service, 30)
    service.clock.advance(DAY)
    schedule = MongoSchedule(service.storage.client, service.db, service.storage.policies)
    now = service.clock.now()
    due = await schedule.due(now, 100)
    assert len(due) == 30
    ids = [a.id for a in due]
    alerts = service.db["alerts"]
    writing = True

    async def replan() -> int:
        written = 0
        while writing:

            async def touch(session: Any) -> None:
                for alert_id in ids[::3]:
                    await alerts.update_one({"_id": alert_id}, {"$inc": {"touched": 1}}, session=session)

            await in_transaction(service.storage.client, touch)
            written += 1
            await asyncio.sleep(0)
        return written

    writers = [asyncio.create_task(replan()) for _ in range(3)]
    try:
        # when schedulers claim them over and over (and give them back),
        for round_ in range(20):
            claim = await asyncio.wait_for(
                schedule.claim(due, f"scheduler-{round_}", now, now + timedelta(seconds=60)), 60
            )
            await asyncio.wait_for(schedule.release([a.id for a in claim.alerts], claim.token), 60)
    finally:
        writing = False
        written = await asyncio.gather(*writers)
    # then every claim went through and the transactions went on beside them.
    assert all(written)
    assert len(claim.alerts) == 30

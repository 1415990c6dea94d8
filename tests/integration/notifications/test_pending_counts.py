"""The pending-alert count answered from the copies agrees with a count over the schedule
itself, through every change that moves an alert in or out of the pending set: intake, the
scheduler's claims and hand-overs, re-planning, and copies written before the count existed."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from services.notifications import bootstrap
from services.notifications.adapters.documents import ALERTS, OPPORTUNITIES, PENDING_KINDS
from services.notifications.adapters.mongo_schedule import MongoSchedule
from services.notifications.domain.access import Viewer
from tests.integration.notifications.conftest import Service
from tests.integration.notifications.factories import T0, opportunity_event, pipeline_event, snapshot

DAY = timedelta(days=1)
ADMIN = Viewer("admin-1", "ADMIN", None)
IDS = ["near", "far", "past", "rotting", "won"]


async def _counts_agree(service: Service, ids: list[str] = IDS) -> dict[str, int]:
    """The API's counts, after checking each against the alerts' own states."""
    _, alerts = bootstrap.api_use_cases(service.storage, service.clock)
    answered = await alerts.pending_alert_counts(ADMIN, ids)
    listed = await alerts.pending_alerts(ADMIN, ids)
    direct = {
        i: await service.db[ALERTS].count_documents(
            {"opportunity_id": i, "state": {"$in": ["PENDING", "CLAIMED"]}}
        )
        for i in ids
    }
    assert dict(zip(ids, answered, strict=True)) == direct
    assert {i: len(a) for i, a in zip(ids, listed, strict=True) if isinstance(a, list)} == direct
    return direct


async def test_the_count_follows_every_change_of_the_schedule(service: Service) -> None:
    await service.publish(
        pipeline_event(alert_days=7, rotting={"discover": 2}),
        *[
            opportunity_event("opportunity.created", snapshot(i, version=1, close=close, stage=stage))
            for i, close, stage in [
                ("near", (T0 + 3 * DAY).date(), "proposal"),
                ("far", (T0 + 30 * DAY).date(), "proposal"),
                ("past", (T0 - DAY).date(), "proposal"),
                ("rotting", (T0 + 60 * DAY).date(), "discover"),
                ("won", (T0 + 10 * DAY).date(), "proposal"),
            ]
        ],
    )
    # Created: upcoming + overdue, or overdue alone once the date has passed; + stale.
    assert await _counts_agree(service) == {"near": 2, "far": 2, "past": 1, "rotting": 3, "won": 2}

    await service.publish(
        opportunity_event(  # a new close date, already passed: the upcoming alert goes
            "opportunity.close_date_changed", snapshot("far", version=2, close=(T0 - 2 * DAY).date(),
                                                       stage="proposal"),
        ),
        opportunity_event(  # reassigned: same alerts, new owner
            "opportunity.updated", snapshot("near", version=2, close=(T0 + 3 * DAY).date(),
                                            stage="proposal", owner="rep-2"), by="mgr-1",
        ),
        opportunity_event("opportunity.won", snapshot("won", version=2, close=(T0 + 10 * DAY).date(),
                                                      stage="won")),
    )  # fmt: skip
    assert await _counts_agree(service) == {"near": 2, "far": 1, "past": 1, "rotting": 3, "won": 0}

    await service.publish(
        opportunity_event("opportunity.reopened", snapshot("won", version=3, close=(T0 + 10 * DAY).date(),
                                                           stage="proposal"))
    )  # fmt: skip
    assert (await _counts_agree(service))["won"] == 2

    # Delivered: the upcoming alert of "near" (due now) leaves; the overdue alerts are reminded
    # (still pending). A claim held by a scheduler that died stays pending, then is retaken.
    dead = MongoSchedule(service.storage.client, service.db, service.storage.policies)
    now = service.clock.now()
    claimed = await dead.claim(await dead.due(now, 10), "scheduler-dead", now, now + timedelta(seconds=60))
    assert {a.opportunity_id for a in claimed.alerts} == {"near", "far", "past"}
    assert await _counts_agree(service) == {"near": 2, "far": 1, "past": 1, "rotting": 3, "won": 2}
    service.clock.advance(timedelta(seconds=61))
    assert (await service.scheduler().tick()).delivered == 4  # and rep-2's assignment summary
    assert await _counts_agree(service) == {"near": 1, "far": 1, "past": 1, "rotting": 3, "won": 2}

    # Stale: two days in "discover" (the morning after), then delivered once.
    service.clock.advance(3 * DAY)
    assert (await service.scheduler().tick()).delivered >= 3  # stale, and overdue reminders
    counts = await _counts_agree(service)
    assert counts["rotting"] == 2 and counts["far"] == 1 and counts["past"] == 1

    # Re-planning without an event about the opportunities: "proposal" now rots too, so the
    # open deals there gain a stale alert.
    await service.publish(pipeline_event(version=2, alert_days=7, rotting={"proposal": 1}))
    await service.handler.wait_for_replans()
    after = await _counts_agree(service)
    assert {i: after[i] - counts[i] for i in IDS} == {"near": 1, "far": 1, "past": 1, "rotting": 0, "won": 1}


async def test_a_copy_written_before_the_count_existed_is_counted_from_its_alerts(service: Service) -> None:
    close = (T0 + 10 * DAY).date()
    await service.publish(opportunity_event("opportunity.created", snapshot("old", version=1, close=close)))
    await service.db[OPPORTUNITIES].update_one({"_id": "old"}, {"$unset": {PENDING_KINDS: ""}})
    assert await _counts_agree(service, ["old"]) == {"old": 2}

    # The next write of its copy (a new title: alerts unchanged) puts the count back.
    await service.publish(
        opportunity_event("opportunity.updated", snapshot("old", version=2, close=close, title="Renamed"))
    )
    copy = await service.db[OPPORTUNITIES].find_one({"_id": "old"})
    assert copy is not None and copy[PENDING_KINDS] == ["UPCOMING_CLOSE", "OVERDUE"]
    assert await _counts_agree(service, ["old"]) == {"old": 2}


async def test_the_count_stays_right_while_events_and_deliveries_race(service: Service) -> None:
    ids = [f"race-{i}" for i in range(20)]
    await service.publish(
        *[
            opportunity_event("opportunity.created", snapshot(i, version=1, close=(T0 + DAY).date()))
            for i in ids
        ]
    )
    service.clock.advance(DAY)
    scheduler = service.scheduler()
    # Deliveries (upcoming alerts due now) while every opportunity's close date moves.
    moved = [
        opportunity_event(
            "opportunity.close_date_changed", snapshot(i, version=2, close=(T0 + 2 * DAY).date())
        )
        for i in ids
    ]
    await asyncio.gather(scheduler.tick(), service.publish(*moved))
    await scheduler.tick()
    await _counts_agree(service, ids)

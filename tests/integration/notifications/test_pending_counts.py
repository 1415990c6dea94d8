"""The pending-alert count answered from the copies agrees with a count over the schedule
itself, through every change that moves an alert in or out of the pending set: intake, the
scheduler's claims and hand-overs, re-planning, and copies of an earlier version."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from services.notifications import bootstrap
from services.notifications.adapters.alert_layout import LAYOUT_ID, migrate_alerts
from services.notifications.adapters.documents import (
    ALERT_RECORDS,
    ALERTS,
    OPPORTUNITIES,
    RETIRED_PENDING_KINDS,
    SETTINGS,
)
from services.notifications.adapters.mongo_schedule import MongoSchedule
from services.notifications.domain.access import Viewer
from tests.integration.notifications.conftest import Service
from tests.integration.notifications.factories import T0, opportunity_event, pipeline_event, snapshot

DAY = timedelta(days=1)
ADMIN = Viewer("admin-1", "ADMIN", None)
IDS = ["near", "far", "past", "rotting", "won"]


async def _counts_agree(service: Service, ids: list[str] = IDS) -> dict[str, int]:
    """The API's counts, after checking each against what will go out: the alerts on the
    schedule."""
    _, alerts = bootstrap.api_use_cases(service.storage, service.clock)
    answered = await alerts.pending_alert_counts(ADMIN, ids)
    listed = await alerts.pending_alerts(ADMIN, ids)
    direct = {i: await _still_to_come(service, i) for i in ids}
    assert dict(zip(ids, answered, strict=True)) == direct
    assert {i: len(a) for i, a in zip(ids, listed, strict=True) if isinstance(a, list)} == direct
    return direct


async def _still_to_come(service: Service, opportunity_id: str) -> int:
    on_schedule = await service.db[ALERTS].count_documents(
        {"opportunity_id": opportunity_id, "state": {"$in": ["PENDING", "CLAIMED"]}}
    )
    copy = await service.db[OPPORTUNITIES].find_one({"_id": opportunity_id}) or {}
    off_schedule = [
        kind
        for kind, record in (copy.get(ALERT_RECORDS) or {}).items()
        if record["state"] == "PENDING" and not record["in_schedule"]
    ]
    assert off_schedule == [], "every alert still to come is on the schedule"
    return on_schedule


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


async def test_copies_of_an_earlier_version_get_their_alert_records_once(service: Service) -> None:
    """Before, a copy kept only the kinds still to come, and its alerts (any state) were read
    from the schedule. ``migrate_alerts`` records them in the copies; they then behave as any."""
    close = (T0 + 10 * DAY).date()
    for i in ("old", "gone"):
        await service.publish(opportunity_event("opportunity.created", snapshot(i, version=1, close=close)))
    service.clock.advance(5 * DAY)
    assert (await service.scheduler().tick()).delivered == 2  # the upcoming alerts, and summaries
    # Rewrite both as the earlier version left them (and forget that the move was done).
    for i in ("old", "gone"):
        copy = await service.db[OPPORTUNITIES].find_one({"_id": i})
        assert copy is not None
        records = copy.pop(ALERT_RECORDS)
        if i == "gone":  # lost: its alerts were cancelled
            copy["status"] = "LOST"
        await service.db[OPPORTUNITIES].replace_one({"_id": i}, {**copy, RETIRED_PENDING_KINDS: []})
        for kind, record in records.items():
            state = "CANCELLED" if i == "gone" and record["state"] == "PENDING" else record["state"]
            fields = {k: v for k, v in record.items() if k != "in_schedule"}
            await service.db[ALERTS].replace_one(
                {"_id": f"{i}:{kind}"},
                {"kind": kind, "opportunity_id": i, **fields, "state": state, "opportunity_ids": []},
                upsert=True,
            )
    await service.db[SETTINGS].delete_one({"_id": LAYOUT_ID})

    assert await migrate_alerts(service.storage.client, service.db) == 2
    assert await migrate_alerts(service.storage.client, service.db) == 0  # done: one read
    assert await _counts_agree(service, ["old", "gone"]) == {"old": 1, "gone": 0}
    assert await service.db[OPPORTUNITIES].count_documents({RETIRED_PENDING_KINDS: {"$exists": True}}) == 0
    old, gone = await service.alerts("old"), await service.alerts("gone")
    assert (old["UPCOMING_CLOSE"]["state"], old["OVERDUE"]["state"]) == ("DELIVERED", "PENDING")
    assert gone["OVERDUE"]["state"] == "CANCELLED"

    # The delivered one is not sent again for the same date; a reopening restores the cancelled
    # one (the upcoming alert of "gone" went out before it was lost).
    await service.publish(
        opportunity_event(
            "opportunity.updated", snapshot("old", version=2, close=close, owner="rep-2"), by="mgr-1"
        ),
        opportunity_event("opportunity.reopened", snapshot("gone", version=2, close=close)),
    )
    assert await _counts_agree(service, ["old", "gone"]) == {"old": 1, "gone": 1}
    assert (await service.alerts("old"))["OVERDUE"]["owner_id"] == "rep-2"
    service.clock.advance(6 * DAY)  # the morning after the close date
    assert (await service.scheduler().tick()).delivered == 3  # the overdue alerts, rep-2's assignment
    assert await _counts_agree(service, ["old", "gone"]) == {"old": 1, "gone": 1}  # reminders

    # A copy an earlier version's consumer writes during an upgrade (no records): the consumer
    # reads its alerts from the schedule, and a new close date moves them.
    await service.db[OPPORTUNITIES].update_one({"_id": "old"}, {"$unset": {ALERT_RECORDS: ""}})
    later = close + 30 * DAY
    await service.publish(
        opportunity_event(
            "opportunity.close_date_changed", snapshot("old", version=3, close=later, owner="rep-2")
        )
    )
    old = await service.alerts("old")
    assert (old["UPCOMING_CLOSE"]["anchor"], old["OVERDUE"]["anchor"]) == (
        later.isoformat(),
        later.isoformat(),
    )
    assert await _counts_agree(service, ["old"]) == {"old": 2}


async def test_re_planning_a_copy_written_without_records_keeps_every_alert(service: Service) -> None:
    close = (T0 + 3 * DAY).date()  # its upcoming alert is due now: on the schedule
    await service.publish(
        pipeline_event(alert_days=7),
        opportunity_event("opportunity.created", snapshot("old", version=1, close=close, stage="proposal")),
    )
    # As an earlier version's consumer writes it during an upgrade: no records.
    await service.db[OPPORTUNITIES].update_one({"_id": "old"}, {"$unset": {ALERT_RECORDS: ""}})
    # New thresholds: "proposal" now rots; the copy is re-planned without being rewritten.
    await service.publish(pipeline_event(version=2, alert_days=7, rotting={"proposal": 1}))
    await service.handler.wait_for_replans()
    assert sorted(await service.alerts("old")) == ["OVERDUE", "STALE", "UPCOMING_CLOSE"]
    assert await _counts_agree(service, ["old"]) == {"old": 3}


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

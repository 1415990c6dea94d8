"""Close-date alerts end to end: events on RabbitMQ, the schedule in MongoDB, the scheduler
moved by a manual clock, dramatiq workers delivering to the inbox and to a real SMTP server."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from email.header import decode_header, make_header
from typing import Any

import pytest

from contracts import data_model_for
from services.notifications.adapters.documents import OPPORTUNITIES
from services.notifications.adapters.replan_requests import MongoReplanRequests
from tests.integration.notifications.conftest import Service
from tests.integration.notifications.factories import (
    T0,
    opportunity_event,
    pipeline_event,
    snapshot,
    user_event,
)

DAY = timedelta(days=1)


@pytest.fixture
def service_overrides() -> dict[str, Any]:
    return {"pipeline_replan_chunk": 2}  # so that re-planning a pipeline takes several chunks


CLOSE_IN_8_DAYS = (T0 + 8 * DAY).date()


async def test_close_date_in_8_days_alerts_the_owner_once_a_day_later(service: Service) -> None:
    await service.publish(
        pipeline_event(alert_days=7),
        user_event("rep-1", email="rep1@example.com"),
        opportunity_event("opportunity.created", snapshot("opp-1", version=1, close=CLOSE_IN_8_DAYS)),
    )
    scheduler = service.scheduler()

    assert (await scheduler.tick()).delivered == 0  # nothing due yet
    service.clock.advance(DAY)
    assert (await scheduler.tick()).delivered == 1

    inbox = await service.wait_for_inbox("rep-1", 1)
    await service.settle()
    assert [n["subject"] for n in inbox] == ["Closing in 7 days: Deal opp-1"]
    assert inbox[0]["late"] is False
    mails = service.mailbox.to("rep1@example.com")
    assert [m["Subject"] for m in mails] == ["Closing in 7 days: Deal opp-1"]
    assert (await scheduler.tick()).delivered == 0  # and never again
    assert len(await service.inbox("rep-1")) == 1


async def test_each_recipient_gets_the_alert_in_their_own_language(service: Service) -> None:
    await service.publish(
        pipeline_event(alert_days=7),
        user_event("rep-1", email="rep1@example.com", locale=None),  # never chose: zh-TW
        user_event("rep-2", email="rep2@example.com", locale="en"),
        opportunity_event("opportunity.created", snapshot("opp-zh", version=1, close=CLOSE_IN_8_DAYS)),
        opportunity_event(
            "opportunity.created", snapshot("opp-en", version=1, close=CLOSE_IN_8_DAYS, owner="rep-2")
        ),
    )
    scheduler = service.scheduler()
    service.clock.advance(DAY)
    assert (await scheduler.tick()).delivered == 2
    chinese, english = await service.wait_for_inbox("rep-1", 1), await service.wait_for_inbox("rep-2", 1)
    await service.settle()
    assert [n["subject"] for n in chinese] == ["7 天後結案：Deal opp-zh"]
    assert [n["subject"] for n in english] == ["Closing in 7 days: Deal opp-en"]
    mail = service.mailbox.to("rep1@example.com")
    assert [str(make_header(decode_header(m["Subject"]))) for m in mail] == ["7 天後結案：Deal opp-zh"]
    close = CLOSE_IN_8_DAYS.isoformat()
    payload = mail[0].get_payload(decode=True)
    assert isinstance(payload, bytes)
    assert (
        payload.decode(mail[0].get_content_charset() or "utf-8").strip()
        == f"Deal opp-zh 預計於 {close} 結案（7 天後）。"
    )
    assert [m["Subject"] for m in service.mailbox.to("rep2@example.com")] == [
        "Closing in 7 days: Deal opp-en"
    ]


async def test_moving_the_close_date_reschedules_the_alert(service: Service) -> None:
    first = snapshot("opp-2", version=1, close=CLOSE_IN_8_DAYS)
    later = (T0 + 20 * DAY).date()
    await service.publish(
        opportunity_event("opportunity.created", first),
        opportunity_event(
            "opportunity.close_date_changed",
            snapshot("opp-2", version=2, close=later),
            previous_close=first.expected_close_date,
        ),
    )
    scheduler = service.scheduler()
    service.clock.advance(DAY)
    assert (await scheduler.tick()).delivered == 0

    alerts = await service.alerts("opp-2")
    assert alerts["UPCOMING_CLOSE"]["state"] == "PENDING"
    assert alerts["UPCOMING_CLOSE"]["due_at"] == T0 + 13 * DAY
    service.clock.advance(12 * DAY)
    assert (await scheduler.tick()).delivered == 1
    inbox = await service.wait_for_inbox("rep-1", 1)
    assert inbox[0]["subject"] == "Closing in 7 days: Deal opp-2"


async def test_reassigning_sends_the_alert_to_the_new_owner(service: Service) -> None:
    await service.publish(
        opportunity_event("opportunity.created", snapshot("opp-3", version=1, close=CLOSE_IN_8_DAYS)),
        opportunity_event(
            "opportunity.updated",
            snapshot("opp-3", version=2, close=CLOSE_IN_8_DAYS, owner="rep-2"),
            by="mgr-1",
        ),
    )
    scheduler = service.scheduler()
    service.clock.advance(DAY)
    await scheduler.tick()

    inbox = await service.wait_for_inbox("rep-2", 2)
    assert sorted(n["kind"] for n in inbox) == ["ASSIGNED", "UPCOMING_CLOSE"]
    await service.settle()
    assert await service.inbox("rep-1") == []


async def test_winning_cancels_the_alert_and_reopening_restores_it(service: Service) -> None:
    await service.publish(
        opportunity_event("opportunity.created", snapshot("opp-4", version=1, close=CLOSE_IN_8_DAYS)),
        opportunity_event(
            "opportunity.won", snapshot("opp-4", version=2, close=CLOSE_IN_8_DAYS, stage="won")
        ),
    )
    scheduler = service.scheduler()
    service.clock.advance(DAY)
    assert (await scheduler.tick()).delivered == 0
    assert {k: a["state"] for k, a in (await service.alerts("opp-4")).items()} == {
        "UPCOMING_CLOSE": "CANCELLED",
        "OVERDUE": "CANCELLED",
    }

    await service.publish(
        opportunity_event("opportunity.reopened", snapshot("opp-4", version=3, close=CLOSE_IN_8_DAYS))
    )
    assert (await scheduler.tick()).delivered == 1
    inbox = await service.wait_for_inbox("rep-1", 1)
    assert inbox[0]["kind"] == "UPCOMING_CLOSE"


async def test_duplicate_and_out_of_order_events_still_give_exactly_one_alert(service: Service) -> None:
    created = opportunity_event("opportunity.created", snapshot("opp-5", version=1, close=CLOSE_IN_8_DAYS))
    renamed = opportunity_event(
        "opportunity.updated", snapshot("opp-5", version=2, close=CLOSE_IN_8_DAYS, title="Renamed deal")
    )
    await service.publish(renamed, created, renamed, created)
    scheduler = service.scheduler()
    service.clock.advance(DAY)
    assert (await scheduler.tick()).delivered == 1
    await service.settle()

    inbox = await service.inbox("rep-1")
    assert [n["subject"] for n in inbox] == ["Closing in 7 days: Renamed deal"]


async def test_an_older_close_date_arriving_after_a_newer_one_changes_nothing(service: Service) -> None:
    later = (T0 + 20 * DAY).date()
    newer = opportunity_event(
        "opportunity.close_date_changed",
        snapshot("opp-6", version=2, close=later),
        previous_close=CLOSE_IN_8_DAYS,
    )
    older = opportunity_event("opportunity.created", snapshot("opp-6", version=1, close=CLOSE_IN_8_DAYS))
    await service.publish(newer)
    await service.publish(older)

    alerts = await service.alerts("opp-6")
    assert alerts["UPCOMING_CLOSE"]["due_at"] == T0 + 13 * DAY
    assert alerts["OVERDUE"]["due_at"] == T0 + 21 * DAY


async def test_a_creation_seen_before_changes_nothing_and_its_batch_is_still_applied(
    service: Service,
) -> None:
    # Creations are taken to be new without reading their copies; a redelivered one proves it
    # wrong, and the batch it came in must be applied all the same, the repeat passed over.
    renamed = snapshot("opp-7", version=2, close=(T0 + 20 * DAY).date(), title="Renamed deal")
    await service.publish(opportunity_event("opportunity.updated", renamed))
    batch = [
        opportunity_event("opportunity.created", snapshot("opp-7", version=1, close=CLOSE_IN_8_DAYS)),
        opportunity_event("opportunity.created", snapshot("opp-8", version=1, close=CLOSE_IN_8_DAYS)),
    ]
    await service.handler.apply([(e, data_model_for(e.type).model_validate(e.data)) for e in batch])

    repeated = await service.db[OPPORTUNITIES].find_one({"_id": "opp-7"})
    assert (repeated["title"], repeated["sequence"]) == ("Renamed deal", 2)
    assert (await service.alerts("opp-7"))["UPCOMING_CLOSE"]["due_at"] == T0 + 13 * DAY
    assert (await service.alerts("opp-8"))["UPCOMING_CLOSE"]["due_at"] == T0 + DAY


async def test_a_pipeline_s_new_alert_lead_time_moves_its_pending_alerts(service: Service) -> None:
    await service.publish(
        pipeline_event(alert_days=7),
        *(opportunity_event("opportunity.created", snapshot(f"opp-{i}", version=1, close=(T0 + 20 * DAY).date()))
          for i in range(3)),
    )  # fmt: skip
    assert (await service.alerts("opp-0"))["UPCOMING_CLOSE"]["due_at"] == T0 + 13 * DAY
    await service.publish(pipeline_event(version=2, alert_days=3))
    await service.handler.wait_for_replans()
    for i in range(3):
        assert (await service.alerts(f"opp-{i}"))["UPCOMING_CLOSE"]["due_at"] == T0 + 17 * DAY
    assert await _pending_replans(service) == []


async def test_re_planning_a_pipeline_left_unfinished_resumes_at_start_up(service: Service) -> None:
    await service.publish(
        pipeline_event(alert_days=7),
        opportunity_event("opportunity.created", snapshot("opp-8", version=1, close=(T0 + 20 * DAY).date())),
    )
    # As if the consumer stopped right after committing a pipeline change.
    await service.db["pipelines"].update_one({"_id": "pl-1"}, {"$set": {"alert_days_before_close": 3}})
    await service.db["pipeline_replans"].update_one({"_id": "pl-1"}, {"$inc": {"generation": 1}})

    await service.handler.resume_replans()
    await service.handler.wait_for_replans()
    assert (await service.alerts("opp-8"))["UPCOMING_CLOSE"]["due_at"] == T0 + 17 * DAY
    assert await _pending_replans(service) == []


async def test_the_guard_follows_the_event_sequence_kept_with_the_copy(service: Service) -> None:
    await service.publish(
        opportunity_event("opportunity.created", snapshot("opp-9", version=1, close=CLOSE_IN_8_DAYS)),
        opportunity_event(
            "opportunity.updated", snapshot("opp-9", version=2, close=CLOSE_IN_8_DAYS, title="v2")
        ),
    )
    copy = await service.db["opportunities"].find_one({"_id": "opp-9"})
    assert (copy["sequence"], copy["title"]) == (2, "v2")


async def test_a_new_alert_hour_moves_pending_alerts_once_the_consumer_re_plans(service: Service) -> None:
    await service.publish(
        opportunity_event("opportunity.created", snapshot("opp-10", version=1, close=(T0 + 20 * DAY).date()))
    )
    policies = service.storage.policies
    await policies.save(replace(await policies.get(), alert_hour=8))
    assert await MongoReplanRequests(service.db).request_all() == 1

    await service.handler.resume_replans()
    await service.handler.wait_for_replans()
    assert (await service.alerts("opp-10"))["UPCOMING_CLOSE"]["due_at"] == T0 + 13 * DAY - timedelta(hours=1)


async def _pending_replans(service: Service) -> list[str]:
    docs = await service.db["pipeline_replans"].find({}).to_list()
    return [doc["_id"] for doc in docs if doc["generation"] > doc.get("done", 0)]

"""Delivery channels: e-mail retried then failed (the inbox unaffected), the signed webhook,
and assignment summaries (one per recipient per batch)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from datetime import timedelta
from typing import Any

import pytest
from pydantic import BaseModel

from contracts import data_model_for
from contracts.envelope import CloudEvent
from contracts.events._base import Role
from contracts.events.evidence import AssignmentReason
from services.notifications import bootstrap
from services.notifications.adapters.dramatiq_delivery import DramatiqDeliveryQueue
from services.notifications.application.ports import DeliveryRequest
from tests.integration.notifications.conftest import Service, WebhookReceiver, wait_until
from tests.integration.notifications.factories import (
    T0,
    assigned_event,
    opportunity_event,
    pipeline_event,
    snapshot,
    user_event,
)

DAY = timedelta(days=1)
CLOSE = (T0 + 8 * DAY).date()


async def test_a_refusing_mail_server_is_retried_then_the_failure_is_visible_and_the_inbox_keeps_its_copy(
    service: Service,
) -> None:
    service.mailbox.refusing = True
    await service.publish(
        user_event("rep-1", email="rep1@example.com"),
        opportunity_event("opportunity.created", snapshot("opp-1", version=1, close=CLOSE)),
    )
    service.clock.advance(DAY)
    await service.scheduler().tick()

    async def email_failed() -> bool:
        return [d["state"] for d in await service.deliveries("EMAIL")] == ["FAILED"]

    await wait_until(email_failed, timeout=20)
    (email,) = await service.deliveries("EMAIL")
    assert email["attempts"] == 3  # the first try and max_retries=2 retries
    assert "554" in email["last_error"]
    assert service.mailbox.refused == 3
    assert [d["state"] for d in await service.deliveries("INBOX")] == ["SENT"]
    assert len(await service.inbox("rep-1")) == 1


async def test_a_bulk_assignment_gives_one_summary_per_recipient(service: Service) -> None:
    batch = "batch-trade-show"
    events = [
        opportunity_event(
            "opportunity.created",
            snapshot(f"opp-{i}", version=1, close=CLOSE, owner="rep-1" if i < 3 else "rep-2"),
            by="mgr-1",
            correlation_id=batch,
        )
        for i in range(5)
    ]
    await service.publish(*events)
    service.clock.advance(timedelta(seconds=6))
    assert (await service.scheduler().tick()).delivered == 2

    (rep1,) = await service.wait_for_inbox("rep-1", 1)
    (rep2,) = await service.wait_for_inbox("rep-2", 1)
    assert rep1["subject"] == "3 opportunities assigned to you"
    assert sorted(rep1["opportunity_ids"]) == ["opp-0", "opp-1", "opp-2"]
    assert rep2["subject"] == "2 opportunities assigned to you"


async def test_what_a_rep_is_given_before_their_summary_goes_out_joins_it_whatever_the_request(
    service: Service,
) -> None:
    def created(i: int, by: str, request: str) -> CloudEvent:
        return opportunity_event(
            "opportunity.created", snapshot(f"opp-{i}", version=1, close=CLOSE, owner="rep-1"),
            by=by, correlation_id=request,
        )  # fmt: skip

    await service.publish(created(0, "mgr-1", "import-7"), created(1, "mgr-1", "import-7"))
    await service.publish(created(2, "mgr-1", "import-7"))  # a later batch of the same import
    await service.publish(created(3, "mgr-2", "by-hand"))  # another manager, meanwhile
    service.clock.advance(timedelta(seconds=6))
    assert (await service.scheduler().tick()).delivered == 1
    (summary,) = await service.wait_for_inbox("rep-1", 1)
    assert sorted(summary["opportunity_ids"]) == ["opp-0", "opp-1", "opp-2", "opp-3"]
    assert summary["subject"] == "4 opportunities assigned to you"

    # That summary went out: what follows opens the next one, which the rest join (however
    # many batches they arrive in), not one notification each.
    await service.publish(created(4, "mgr-1", "import-7"))
    await service.publish(created(5, "mgr-1", "import-7"), created(6, "mgr-2", "by-hand"))
    service.clock.advance(timedelta(seconds=6))
    assert (await service.scheduler().tick()).delivered == 1
    late = (await service.wait_for_inbox("rep-1", 2))[-1]
    assert sorted(late["opportunity_ids"]) == ["opp-4", "opp-5", "opp-6"]
    await service.settle()
    assert len(await service.inbox("rep-1")) == 2


async def test_two_consumers_opening_a_rep_s_summary_at_once_open_one(service: Service) -> None:
    def batch(first: int) -> list[tuple[CloudEvent, BaseModel]]:
        events = [
            opportunity_event("opportunity.created", snapshot(f"opp-{i}", version=1, close=CLOSE), by="mgr-1")
            for i in range(first, first + 5)
        ]
        return [(e, data_model_for(e.type).model_validate(e.data)) for e in events]

    consumers = [bootstrap.event_handler(service.storage, service.settings, service.clock) for _ in range(2)]
    await asyncio.gather(consumers[0].apply(batch(0)), consumers[1].apply(batch(5)))
    summaries = await service.db["alerts"].find({"kind": "ASSIGNED"}).to_list()
    assert len(summaries) == 1
    assert sorted(summaries[0]["opportunity_ids"]) == sorted(f"opp-{i}" for i in range(10))


async def test_a_handover_request_gives_the_successor_one_summary_and_self_assignment_gives_none(
    service: Service,
) -> None:
    await service.publish(
        *(
            opportunity_event("opportunity.created", snapshot(f"opp-{i}", version=1, close=CLOSE))
            for i in range(4)
        )
    )
    handover = [
        assigned_event(snapshot(f"opp-{i}", version=2, close=CLOSE, owner="rep-2"), from_owner="rep-1",
                       request_id="handover-42", reason=AssignmentReason.HANDOVER)
        for i in range(3)
    ]  # fmt: skip
    taken = assigned_event(
        snapshot("opp-3", version=2, close=CLOSE, owner="rep-3"), from_owner="rep-1", by="rep-3"
    )
    await service.publish(*handover, taken)
    service.clock.advance(timedelta(seconds=6))
    assert (await service.scheduler().tick()).delivered == 1

    (summary,) = await service.wait_for_inbox("rep-2", 1)
    assert summary["subject"] == "3 opportunities assigned to you"
    await service.settle()
    assert await service.inbox("rep-3") == []


async def test_the_owner_s_manager_and_the_admins_are_alerted_when_the_settings_say_so(
    service: Service,
) -> None:
    await service.db["settings"].insert_one({"_id": "alerts", "notify_manager": True, "notify_admins": True})
    await service.publish(
        user_event("mgr-1", role=Role.MANAGER),
        user_event("admin-1", role=Role.ADMIN),
        user_event("rep-1", manager_id="mgr-1"),
        opportunity_event("opportunity.created", snapshot("opp-1", version=1, close=CLOSE)),
    )
    service.clock.advance(DAY)
    await service.scheduler().tick()
    for user in ("rep-1", "mgr-1", "admin-1"):
        assert [n["kind"] for n in await service.wait_for_inbox(user, 1)] == ["UPCOMING_CLOSE"]


async def test_a_stage_held_past_its_rotting_threshold_raises_a_stale_alert(service: Service) -> None:
    await service.publish(
        pipeline_event(rotting={"proposal": 5}),
        opportunity_event(
            "opportunity.stage_changed",
            snapshot("opp-1", version=1, close=(T0 + 60 * DAY).date(), stage="proposal"),
        ),
    )
    scheduler = service.scheduler()
    service.clock.advance(4 * DAY)
    assert (await scheduler.tick()).delivered == 0
    service.clock.advance(DAY)
    assert (await scheduler.tick()).delivered == 1
    (stale,) = await service.wait_for_inbox("rep-1", 1)
    assert stale["subject"] == "Stale: Deal opp-1"


@pytest.fixture
def service_overrides(request: pytest.FixtureRequest) -> dict[str, Any]:
    if "webhook" in request.fixturenames:
        receiver: WebhookReceiver = request.getfixturevalue("webhook")
        return {"webhook_url": receiver.url, "webhook_secret": "s3cret"}
    return {}


async def test_the_webhook_receives_a_signed_copy(webhook: WebhookReceiver, service: Service) -> None:
    await service.publish(opportunity_event("opportunity.created", snapshot("opp-1", version=1, close=CLOSE)))
    service.clock.advance(DAY)
    await service.scheduler().tick()
    await wait_until(lambda: _at_least(webhook, 1))

    (headers, body), *_ = webhook.calls
    expected = hmac.new(b"s3cret", headers["x-pipewise-timestamp"].encode() + b"." + body, hashlib.sha256)
    assert headers["x-pipewise-signature"] == f"sha256={expected.hexdigest()}"
    assert json.loads(body)["kind"] == "UPCOMING_CLOSE"
    assert json.loads(body)["recipientId"] == "rep-1"


async def _at_least(webhook: WebhookReceiver, count: int) -> bool:
    return len(webhook.calls) >= count


async def test_a_delivery_handed_over_twice_reaches_the_inbox_and_the_mailbox_once(service: Service) -> None:
    await service.publish(
        user_event("rep-1", email="rep1@example.com"),
        opportunity_event("opportunity.created", snapshot("opp-1", version=1, close=CLOSE)),
    )
    service.clock.advance(DAY)
    await service.scheduler().tick()
    await service.wait_for_inbox("rep-1", 1)
    await service.settle()
    handed_over = await service.deliveries("EMAIL") + await service.deliveries("INBOX")

    # As if a scheduler had lost its lease mid-way and another handed the alert over again.
    queue = DramatiqDeliveryQueue(service.actors)
    await queue.enqueue([_request_from(d) for d in handed_over])
    queue.close()
    await service.settle()

    assert len(await service.inbox("rep-1")) == 1
    assert len(service.mailbox.to("rep1@example.com")) == 1


def _request_from(delivery: dict[str, Any]) -> DeliveryRequest:
    return DeliveryRequest(
        delivery_id=delivery["_id"], notification_id=delivery["notification_id"], channel=delivery["channel"],
        recipient_id=delivery["recipient_id"], address="rep1@example.com" if delivery["channel"] == "EMAIL" else None,
        kind=delivery["kind"], subject=delivery["subject"], body="again", opportunity_ids=("opp-1",),
        due_at=T0 + DAY, created_at=T0 + DAY, late=False,
    )  # fmt: skip

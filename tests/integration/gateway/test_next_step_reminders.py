"""Reminders on next steps, through the gateway: a rep logs a call with a next step due on a day,
and on that morning (09:00 in the organisation's zone, Asia/Taipei here) the rep is reminded once,
in the inbox, by e-mail and on the webhook. Moving the due day moves the reminder; completing the
activity cancels it.

The gateway and the services' APIs run as in production; the opportunity outbox is relayed to the
bus, and the notifications consumer, scheduler and delivery workers run in the test with a manual
clock (the notifications test harness), on the same databases and exchange."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.header import decode_header, make_header
from typing import Any

import pytest

from servicekit.identity import Identity
from services.notifications.adapters.documents import ALERTS, OPPORTUNITIES, USERS
from tests.integration.gateway._system import ADMIN, System, relaying_outbox, running_system
from tests.integration.notifications.conftest import (  # noqa: F401 (fixtures)
    Service,
    WebhookReceiver,
    mailbox,
    service,
    webhook,
)
from tests.integration.notifications.factories import T0
from tests.support.waiting import wait_until

TAIPEI_MORNING_IN_UTC = timedelta(hours=1)  # 09:00 in Taipei (UTC+8) is 01:00 UTC
DUE = (T0 + timedelta(days=3)).date()
LOG = """mutation($i: LogActivityInput!) { logActivity(input: $i) { id current { number } } }"""
REVISE = """mutation($i: ReviseActivityInput!) { reviseActivity(input: $i) { id current { number } } }"""
COMPLETE = """mutation($i: CompleteActivityInput!) { completeActivity(input: $i) {
  id current { number completedAt } } }"""
INBOX = """{ notifications(first: 20) { items { kind subject body opportunityIds dueAt } } }"""


@pytest.fixture
def service_overrides(webhook: WebhookReceiver) -> dict[str, Any]:  # noqa: F811
    return {"org_timezone": "Asia/Taipei", "webhook_url": webhook.url, "webhook_secret": "s3cret"}


@dataclass
class World:
    system: System
    notifications: Service
    webhook: WebhookReceiver
    rep: Identity
    email: str
    opportunity_id: str

    def at(self, day: date, utc_offset: timedelta) -> None:
        """Move the notifications' clock forward to ``day`` at ``utc_offset`` past midnight UTC."""
        target = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + utc_offset
        self.notifications.clock.advance(target - self.notifications.clock.now())

    async def log_call(self, next_step: str, due: date) -> str:
        details = {"nextStep": next_step, "nextStepDue": due.isoformat()}
        data = await self.system.data(
            self.rep, LOG, {"i": {"opportunityId": self.opportunity_id, "kind": "CALL", "text": "Called", "details": details}}
        )  # fmt: skip
        return str(data["logActivity"]["id"])

    async def reminder_reads(self, activity_id: str, **fields: Any) -> None:
        """Until the notifications consumer has taken in the activity's newest event."""

        async def read() -> bool:
            doc = await self.notifications.db[ALERTS].find_one({"_id": f"{activity_id}:NEXT_STEP"})
            return doc is not None and all(doc.get(k) == v for k, v in fields.items())

        await wait_until(read, timeout=30, interval=0.05)

    async def inbox(self) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = (await self.system.data(self.rep, INBOX))["notifications"]["items"]
        return [n for n in items if n["kind"] == "NEXT_STEP"]

    async def delivered_now(self) -> int:
        delivered = (await self.notifications.scheduler().tick()).delivered
        await self.notifications.settle()
        return delivered


@pytest.fixture
async def world(
    service: Service,  # noqa: F811
    webhook: WebhookReceiver,  # noqa: F811
    names,
    mongodb_url: str,
    amqp_url: str,
    mongo_client,
) -> AsyncIterator[World]:
    async with (
        running_system(mongodb_url, amqp_url, token=names.token) as system,
        relaying_outbox(system, mongo_client, amqp_url),
    ):
        email = "amy@example.com"
        created = await system.data(
            ADMIN,
            "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
            {"i": {"name": "Amy", "email": email, "role": "REP", "team": "north"}},
        )
        rep = Identity(user_id=created["createUser"]["id"], role="REP", team="north", name="Amy")
        opportunity = await system.data(
            rep,
            "mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }",
            {"i": {"title": "Sensors for Acme", "customerName": "Acme", "amount": "120000.00", "currency": "TWD",
                   "expectedCloseDate": "2030-06-30"}},
        )  # fmt: skip
        opportunity_id = opportunity["createOpportunity"]["id"]

        async def copies_kept() -> bool:
            db = service.db
            return bool(
                await db[USERS].find_one({"_id": rep.user_id, "email": email})
                and await db[OPPORTUNITIES].find_one({"_id": opportunity_id})
            )

        await wait_until(copies_kept, timeout=30, interval=0.05)
        yield World(system, service, webhook, rep, email, opportunity_id)


async def test_a_next_step_reminds_its_owner_on_the_morning_it_is_due_once_on_every_channel(
    world: World,
) -> None:
    await world.log_call("Send the sample price list", DUE)
    activity_id = await world.log_call("Call back about the quote", DUE + timedelta(days=30))
    await world.reminder_reads(activity_id, state="PENDING")

    assert await world.delivered_now() == 0
    world.at(DUE, TAIPEI_MORNING_IN_UTC - timedelta(minutes=1))  # 08:59 in Taipei
    assert await world.delivered_now() == 0
    world.at(DUE, TAIPEI_MORNING_IN_UTC)
    assert await world.delivered_now() == 1

    (reminder,) = await world.inbox()
    # The rep never chose a language: the reminder comes in the organisation's, zh-TW.
    assert reminder["subject"] == "今天到期：Send the sample price list（Sensors for Acme）"
    assert reminder["opportunityIds"] == [world.opportunity_id]
    assert reminder["dueAt"].startswith(f"{DUE.isoformat()}T01:00:00")
    mails = world.notifications.mailbox.to(world.email)
    assert [str(make_header(decode_header(m["Subject"]))) for m in mails] == [reminder["subject"]]
    await wait_until(lambda: _webhook_calls(world.webhook, 1), timeout=15)
    assert len(world.webhook.calls) == 1

    # Once: later ticks, that day and the next, send nothing more.
    assert await world.delivered_now() == 0
    world.at(DUE + timedelta(days=1), TAIPEI_MORNING_IN_UTC)
    assert await world.delivered_now() == 0
    assert len(await world.inbox()) == 1


async def test_moving_the_due_day_moves_the_reminder(world: World) -> None:
    activity_id = await world.log_call("Follow up on the quote", DUE)
    later = DUE + timedelta(days=2)
    await world.system.data(
        world.rep,
        REVISE,
        {"i": {"activityId": activity_id, "expectedRevision": 1, "reason": "buyer away",
               "details": {"nextStep": "Follow up on the quote", "nextStepDue": later.isoformat()}}},
    )  # fmt: skip
    await world.reminder_reads(activity_id, anchor=later.isoformat())

    world.at(DUE, TAIPEI_MORNING_IN_UTC)
    assert await world.delivered_now() == 0
    assert await world.inbox() == []
    world.at(later, TAIPEI_MORNING_IN_UTC)
    assert await world.delivered_now() == 1
    assert [n["subject"] for n in await world.inbox()] == [
        "今天到期：Follow up on the quote（Sensors for Acme）"
    ]


async def test_completing_the_activity_cancels_its_reminder(world: World) -> None:
    activity_id = await world.log_call("Call back", DUE)
    done = await world.system.data(
        world.rep, COMPLETE, {"i": {"activityId": activity_id, "expectedRevision": 1}}
    )
    assert done["completeActivity"]["current"]["completedAt"]
    await world.reminder_reads(activity_id, state="CANCELLED")

    world.at(DUE, TAIPEI_MORNING_IN_UTC)
    assert await world.delivered_now() == 0
    assert await world.inbox() == []
    assert world.notifications.mailbox.to(world.email) == []


async def test_completing_twice_is_refused_and_changes_nothing(world: World) -> None:
    activity_id = await world.log_call("Call back", DUE)
    await world.system.data(world.rep, COMPLETE, {"i": {"activityId": activity_id, "expectedRevision": 1}})
    body = await world.system.ask(
        world.rep, COMPLETE, {"i": {"activityId": activity_id, "expectedRevision": 2}}
    )
    assert [e["extensions"]["code"] for e in body["errors"]] == ["ACTIVITY_COMPLETED"]
    listed = await world.system.data(
        world.rep, "query($id: ID!) { activities(opportunityId: $id) { id revisions { number } } }",
        {"id": world.opportunity_id},
    )  # fmt: skip
    (activity,) = [a for a in listed["activities"] if a["id"] == activity_id]
    assert [r["number"] for r in activity["revisions"]] == [1, 2]


async def _webhook_calls(receiver: WebhookReceiver, count: int) -> bool:
    return len(receiver.calls) >= count

"""The GraphQL API over real HTTP (httpx against the ASGI app), on the real MongoDB wire server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from typing import Any

import httpx
import pytest

from servicekit.identity import IDENTITY_HEADER, Identity, sign_identity
from services.notifications import bootstrap
from services.notifications.adapters.clock import ManualClock
from services.notifications.adapters.delivery_log import MongoDeliveryLog
from services.notifications.adapters.inbox_repo import MongoInbox
from services.notifications.api.app import create_app
from services.notifications.application.ports import DeliveryRequest
from services.notifications.settings import NotificationSettings
from tests.conftest import Names
from tests.integration.notifications.factories import T0, opportunity_event, snapshot

SECRET = "test-internal-secret-of-32-bytes-at-least"
REP = Identity("rep-1", "REP", team="north")
OTHER_REP = Identity("rep-9", "REP", team="south")
MANAGER = Identity("mgr-1", "MANAGER", team="north")
ADMIN = Identity("admin-1", "ADMIN")

Call = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
async def api(names: Names, mongodb_url: str) -> AsyncIterator[tuple[Call, bootstrap.Storage, ManualClock]]:
    settings = NotificationSettings(
        mongodb_url=mongodb_url, database=names.db("notifications"), internal_secret=SECRET
    )
    clock = ManualClock(T0)
    app = create_app(settings, clock)
    async with app.router.lifespan_context(app):
        storage = await bootstrap.open_storage(settings)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://notifications") as client:

            async def call(query: str, identity: Identity | None = REP, **variables: Any) -> dict[str, Any]:
                headers = {IDENTITY_HEADER: sign_identity(identity, SECRET)} if identity else {}
                response = await client.post(
                    "/graphql", json={"query": query, "variables": variables}, headers=headers
                )
                return dict(response.json())

            yield call, storage, clock
        await storage.client.drop_database(settings.database)
        await storage.close()


async def _deliver_to_inbox(storage: bootstrap.Storage, user_id: str, count: int) -> list[str]:
    inbox = MongoInbox(storage.db)
    ids = []
    for i in range(count):
        request = DeliveryRequest(
            delivery_id=f"n{i}|INBOX", notification_id=f"n{i}", channel="INBOX", recipient_id=user_id,
            address=None, kind="UPCOMING_CLOSE", subject=f"Closing soon: deal {i}", body="...",
            opportunity_ids=(f"opp-{i}",), due_at=T0, created_at=T0 + timedelta(minutes=i), late=False,
        )  # fmt: skip
        await inbox.add(request)
        ids.append(request.notification_id)
    return ids


PAGE = """query($after: String) { notifications(first: 2, after: $after) {
  items { id read subject deliveries { channel state } } endCursor hasNextPage } unreadCount }"""


async def test_notifications_are_paged_unread_first_then_newest(api: Any) -> None:
    call, storage, _ = api
    ids = await _deliver_to_inbox(storage, "rep-1", 5)
    await call("mutation($id: ID!) { markNotificationRead(id: $id) { id read } }", id=ids[4])

    seen: list[tuple[str, bool]] = []
    after = None
    while True:
        data = (await call(PAGE, after=after))["data"]
        seen += [(n["id"], n["read"]) for n in data["notifications"]["items"]]
        if not data["notifications"]["hasNextPage"]:
            break
        after = data["notifications"]["endCursor"]
    assert seen == [("n3", False), ("n2", False), ("n1", False), ("n0", False), ("n4", True)]
    assert data["unreadCount"] == 4


async def test_marking_many_is_all_or_nothing_and_mark_all_clears_the_count(api: Any) -> None:
    call, storage, _ = api
    ids = await _deliver_to_inbox(storage, "rep-1", 3)
    result = await call(
        "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }", ids=[ids[0], "not-mine"]
    )
    assert result["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert (await call("{ unreadCount }"))["data"]["unreadCount"] == 3

    marked = await call("mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }", ids=ids[:2])
    assert marked["data"]["markNotificationsRead"] == 2
    assert (await call("mutation { markAllNotificationsRead }"))["data"]["markAllNotificationsRead"] == 1
    assert (await call("{ unreadCount }"))["data"]["unreadCount"] == 0


async def test_another_user_cannot_see_or_mark_your_notifications(api: Any) -> None:
    call, storage, _ = api
    (first,) = await _deliver_to_inbox(storage, "rep-1", 1)
    assert (await call("{ unreadCount }", identity=OTHER_REP))["data"]["unreadCount"] == 0
    result = await call(
        "mutation($id: ID!) { markNotificationRead(id: $id) { id } }", identity=OTHER_REP, id=first
    )
    assert result["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_a_request_without_a_valid_identity_is_unauthenticated(api: Any) -> None:
    call, _, _ = api
    result = await call("{ unreadCount }", identity=None)
    assert result["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_pending_alerts_of_an_opportunity_follow_its_close_date_and_its_visibility(api: Any) -> None:
    call, storage, clock = api
    handler = bootstrap.event_handler(storage, NotificationSettings(), clock)
    close = (T0 + timedelta(days=8)).date()
    event = opportunity_event("opportunity.created", snapshot("opp-1", version=1, close=close))
    await handler(event, _payload(event))

    query = "query($id: ID!) { pendingAlerts(opportunityId: $id) { kind dueAt state } }"
    alerts = (await call(query, id="opp-1"))["data"]["pendingAlerts"]
    assert [(a["kind"], a["dueAt"]) for a in alerts] == [
        ("UPCOMING_CLOSE", "2026-03-03T09:00:00+00:00"),
        ("OVERDUE", "2026-03-11T09:00:00+00:00"),
    ]
    assert (await call(query, identity=MANAGER, id="opp-1"))["data"]["pendingAlerts"]
    assert (await call(query, identity=OTHER_REP, id="opp-1"))["errors"][0]["extensions"][
        "code"
    ] == "FORBIDDEN"
    assert (await call(query, id="nope"))["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_only_an_admin_changes_the_alert_settings_and_bad_values_change_nothing(api: Any) -> None:
    call, _, _ = api
    mutation = "mutation($input: AlertSettingsInput!) { updateAlertSettings(input: $input) { timeZone alertHour notifyManager } }"
    denied = await call(mutation, identity=REP, input={"notifyManager": True})
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    bad = await call(mutation, identity=ADMIN, input={"timeZone": "Mars/Olympus", "notifyManager": True})
    assert bad["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "details": {"field": "timezone"}}

    changed = await call(mutation, identity=ADMIN, input={"timeZone": "Asia/Taipei", "notifyManager": True})
    assert changed["data"]["updateAlertSettings"] == {
        "timeZone": "Asia/Taipei",
        "alertHour": 9,
        "notifyManager": True,
    }
    current = await call("{ alertSettings { timeZone notifyManager } }")
    assert current["data"]["alertSettings"] == {"timeZone": "Asia/Taipei", "notifyManager": True}


def _payload(event: Any) -> Any:
    from contracts import data_model_for

    return data_model_for(event.type).model_validate(event.data)


async def test_a_delivery_that_gave_up_is_visible_on_the_notification_and_to_admins(api: Any) -> None:
    call, storage, clock = api
    (notification_id,) = await _deliver_to_inbox(storage, "rep-1", 1)
    log = MongoDeliveryLog(storage.db)
    email = DeliveryRequest(
        delivery_id=f"{notification_id}|EMAIL", notification_id=notification_id, channel="EMAIL",
        recipient_id="rep-1", address="rep1@example.com", kind="UPCOMING_CLOSE", subject="Closing soon",
        body="...", opportunity_ids=("opp-0",), due_at=T0, created_at=T0, late=False,
    )  # fmt: skip
    for _ in range(3):
        await log.record_failure(email, "SMTPDataError: (554, b'Delivery refused')", clock.now())
    await log.mark_failed(email.delivery_id, "gave up after 3 attempts: SMTPDataError", clock.now())

    mine = await call("{ notifications { items { deliveries { channel state attempts lastError } } } }")
    (deliveries,) = [n["deliveries"] for n in mine["data"]["notifications"]["items"]]
    assert deliveries == [
        {
            "channel": "EMAIL",
            "state": "FAILED",
            "attempts": 3,
            "lastError": "gave up after 3 attempts: SMTPDataError",
        }
    ]
    failed = await call("{ failedDeliveries { notificationId channel recipientId } }", identity=ADMIN)
    assert failed["data"]["failedDeliveries"] == [
        {"notificationId": notification_id, "channel": "EMAIL", "recipientId": "rep-1"}
    ]
    denied = await call("{ failedDeliveries { channel } }", identity=REP)
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_new_alert_hour_asks_for_every_pipeline_to_be_re_planned(api: Any) -> None:
    call, storage, clock = api
    handler = bootstrap.event_handler(storage, NotificationSettings(), clock)
    event = opportunity_event(
        "opportunity.created", snapshot("opp-1", version=1, close=(T0 + timedelta(days=20)).date())
    )
    await handler(event, _payload(event))
    mutation = "mutation($input: AlertSettingsInput!) { updateAlertSettings(input: $input) { alertHour } }"

    await call(mutation, identity=ADMIN, input={"notifyAdmins": True})
    assert await storage.db["pipeline_replans"].count_documents({}) == 0
    await call(mutation, identity=ADMIN, input={"alertHour": 8})
    assert await storage.db["pipeline_replans"].find({}).to_list() == [{"_id": "pl-1", "generation": 1}]


async def test_pending_alerts_of_many_opportunities_in_one_request_answer_each_on_its_own(api: Any) -> None:
    call, storage, clock = api
    handler = bootstrap.event_handler(storage, NotificationSettings(), clock)
    for opp, owner in [("mine", "rep-1"), ("theirs", "rep-9")]:
        snap = snapshot(opp, version=1, owner=owner, team="south", close=(T0 + timedelta(days=8)).date())
        event = opportunity_event("opportunity.created", snap)
        await handler(event, _payload(event))

    query = """{ a: pendingAlerts(opportunityId: "mine") { kind }
                 b: pendingAlerts(opportunityId: "theirs") { kind }
                 c: pendingAlerts(opportunityId: "unknown") { kind } }"""
    result = await call(query)
    assert [a["kind"] for a in result["data"]["a"]] == ["UPCOMING_CLOSE", "OVERDUE"]
    assert {e["path"][0]: e["extensions"]["code"] for e in result["errors"]} == {
        "b": "FORBIDDEN",
        "c": "NOT_FOUND",
    }


async def test_a_bad_page_size_or_cursor_is_refused_naming_the_argument(api: Any) -> None:
    call, _, _ = api
    too_many = await call("{ notifications(first: 1000) { endCursor } }")
    assert too_many["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "details": {"field": "first"}}
    forged = await call('{ notifications(after: "bm90LWEtY3Vyc29y") { endCursor } }')
    assert forged["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "details": {"field": "after"}}

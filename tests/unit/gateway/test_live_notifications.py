"""Which bus events reach a user's notification subscription: only announcements to that user."""

from __future__ import annotations

from datetime import UTC, datetime

from contracts import data_model_for, new_event
from contracts.events.notification import NotificationCreated
from gateway.adapters.feed import LiveEvent
from gateway.api.live.subscriptions import _announced_to
from servicekit.identity import Identity
from tests.integration.notifications.factories import opportunity_event, snapshot

AT = datetime(2026, 3, 2, 9, tzinfo=UTC)


def _announcement(recipient: str) -> LiveEvent:
    payload = NotificationCreated(
        id="n-1", recipient_id=recipient, kind="UPCOMING_CLOSE", subject="Closing in 7 days", body="...",
        opportunity_ids=["opp-1"], due_at=AT, late=False, created_at=AT,
    )  # fmt: skip
    event = new_event(
        type="notification.created", source="/notifications", subject="n-1", sequence=1, data=payload
    )
    return LiveEvent(event, payload)


def test_a_notification_is_announced_to_its_recipient_only() -> None:
    announcement = _announcement("rep-1")
    assert _announced_to(Identity(user_id="rep-1", role="REP", team="north"), announcement)
    assert not _announced_to(Identity(user_id="rep-2", role="REP", team="north"), announcement)
    # Not even an administrator sees someone else's notifications pushed to them.
    assert not _announced_to(Identity(user_id="admin", role="ADMIN"), announcement)


def test_an_opportunity_change_is_not_a_notification() -> None:
    event = opportunity_event("opportunity.created", snapshot("opp-1", version=1, close=AT.date()))
    change = LiveEvent(event, data_model_for(event.type).model_validate(event.data))
    assert not _announced_to(Identity(user_id="rep-1", role="REP", team="north"), change)

"""Each notification that reaches an inbox is announced on the bus as ``notification.created``
(what the gateway's live feed follows), also after the broker dropped the announcer."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from contracts import parse_event
from contracts.events.notification import NotificationCreated
from tests.integration.notifications.conftest import Service
from tests.integration.notifications.factories import T0, opportunity_event, snapshot, user_event
from tests.support.rabbit import Collector, close_connections_named, collect

DAY = timedelta(days=1)


@pytest.fixture
async def feed(service: Service) -> AsyncIterator[Collector]:
    """What a live feed bound to ``notification.#`` on the service's exchange receives."""
    settings = service.settings
    collector = await collect(
        settings.amqp_url, settings.exchange, f"{settings.queue_prefix}live", ["notification.#"]
    )
    yield collector
    await collector.close()


async def _alert_for(service: Service, opportunity_id: str, days_ahead: int) -> None:
    close = (T0 + days_ahead * DAY).date()
    await service.publish(
        opportunity_event("opportunity.created", snapshot(opportunity_id, version=1, close=close))
    )


async def test_an_inbox_notification_is_announced_once_with_its_recipient_and_kind(
    service: Service, feed: Collector
) -> None:
    await service.publish(user_event("rep-1", email="rep1@example.com"))
    await _alert_for(service, "opp-1", 8)
    service.clock.advance(DAY)
    await service.scheduler().tick()
    [stored] = await service.wait_for_inbox("rep-1", 1)
    await feed.wait_for(lambda got: len(got) >= 1, timeout=20)
    await service.settle()

    [announced] = feed.received
    envelope, payload = parse_event(json.dumps(announced))
    assert envelope.type == "notification.created" and envelope.subject == stored["_id"]
    assert isinstance(payload, NotificationCreated)
    assert (payload.recipient_id, payload.kind, payload.opportunity_ids) == (
        "rep-1",
        "UPCOMING_CLOSE",
        ["opp-1"],
    )


async def test_notifications_are_still_announced_after_the_broker_dropped_the_announcer(
    service: Service, feed: Collector
) -> None:
    await _alert_for(service, "opp-1", 8)
    await _alert_for(service, "opp-2", 9)
    service.clock.advance(DAY)
    await service.scheduler().tick()
    await feed.wait_for(lambda got: len(got) >= 1, timeout=20)

    assert await close_connections_named(f"notifications-announcer:{service.settings.exchange}") == 1
    service.clock.advance(DAY)
    await service.scheduler().tick()
    await feed.wait_for(lambda got: len(got) >= 2, timeout=30)
    await service.settle()

    assert sorted(e["data"]["opportunity_ids"][0] for e in feed.received) == ["opp-1", "opp-2"]
    assert len(await service.inbox("rep-1")) == 2

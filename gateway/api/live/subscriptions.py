"""Subscriptions over WebSocket (graphql-transport-ws), fed from the bus."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from typing import Any

import strawberry
from strawberry.types import Info

from gateway.adapters.feed import LiveEvent
from gateway.api.context import Context
from gateway.api.live.types import OpportunityChange
from gateway.api.notifications.types import Notification
from gateway.api.raw import served
from gateway.domain.access import Forbidden, may_see_opportunity
from servicekit.identity import Identity

# Notifications are not on the bus: they are looked for after a change to one of the
# subscriber's opportunities, and at this interval for those the scheduler sends on its own.
NOTIFICATION_POLL_SECONDS = 15.0
AFTER_CHANGE_SECONDS = 1.0


def _feed(info: Info[Context, None]) -> Any:
    if info.context.feed is None:
        raise Forbidden("Live updates are not available on this gateway.")
    return info.context.feed


def _concerns(identity: Identity, event: LiveEvent) -> bool:
    snapshot = getattr(event.payload, "opportunity", None)
    return snapshot is not None and may_see_opportunity(identity, snapshot.owner_id, snapshot.team)


def _change(event: LiveEvent) -> Any:
    envelope, payload = event.envelope, event.payload
    actor = getattr(payload, "by", None)
    return served(
        {
            "eventId": envelope.id, "type": envelope.type, "at": envelope.time, "sequence": envelope.sequence,
            "by": getattr(actor, "user_id", None), "opportunity": payload.opportunity,  # type: ignore[attr-defined]
        }
    )  # fmt: skip


@strawberry.type
class LiveSubscriptions:
    @strawberry.subscription(description="Changes to the opportunities you may see, as they happen.")
    async def opportunity_changed(
        self, info: Info[Context, None], opportunity_id: strawberry.ID | None = None
    ) -> AsyncGenerator[OpportunityChange, None]:
        identity = info.context.caller
        async with _feed(info).subscribe() as queue:
            while True:
                event: LiveEvent = await queue.get()
                if opportunity_id is not None and event.envelope.subject != str(opportunity_id):
                    continue
                if _concerns(identity, event):
                    yield _change(event)

    @strawberry.subscription(description="Your new notifications, as they arrive.")
    async def my_notifications(self, info: Info[Context, None]) -> AsyncGenerator[Notification, None]:
        identity = info.context.caller
        api = info.context.loaders.apis.notifications
        seen = {item["id"] for item in (await api.notifications(identity, 50, None))["items"]}
        loop = asyncio.get_running_loop()
        async with _feed(info).subscribe() as queue:
            next_look = loop.time() + NOTIFICATION_POLL_SECONDS
            while True:
                try:
                    event = await asyncio.wait_for(queue.get(), max(0.0, next_look - loop.time()))
                except TimeoutError:
                    next_look = loop.time() + NOTIFICATION_POLL_SECONDS
                    page = await api.notifications(identity, 50, None)
                    for item in reversed(page["items"]):
                        if item["id"] not in seen:
                            seen.add(item["id"])
                            yield served(item)
                    continue
                if _concerns(identity, event):
                    # Alerts about a change follow it by a moment: look soon.
                    next_look = min(next_look, loop.time() + AFTER_CHANGE_SECONDS)

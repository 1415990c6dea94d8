"""Subscriptions over WebSocket (graphql-transport-ws), fed from the bus."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from typing import Any

import strawberry
from strawberry.types import Info

from contracts.events.notification import NotificationCreated
from gateway.adapters.feed import LiveEvent
from gateway.api.context import Context
from gateway.api.live.types import OpportunityChange
from gateway.api.notifications.types import Notification
from gateway.api.raw import served
from gateway.domain.access import Forbidden, may_see_opportunity
from servicekit.identity import Identity

# A new notification is announced on the bus (notification.created): the subscription then reads
# it back from the notifications service, in the shape the schema declares. A look at this
# interval covers announcements missed while the gateway's feed was reconnecting.
BACKSTOP_LOOK_SECONDS = 60.0


def _feed(info: Info[Context, None]) -> Any:
    if info.context.feed is None:
        raise Forbidden("Live updates are not available on this gateway.")
    return info.context.feed


def _concerns(identity: Identity, event: LiveEvent) -> bool:
    snapshot = getattr(event.payload, "opportunity", None)
    return snapshot is not None and may_see_opportunity(identity, snapshot.owner_id, snapshot.team)


def _announced_to(identity: Identity, event: LiveEvent) -> bool:
    return isinstance(event.payload, NotificationCreated) and event.payload.recipient_id == identity.user_id


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
        seen = {item.id for item in (await api.notifications(identity, 50, None)).items}
        loop = asyncio.get_running_loop()
        async with _feed(info).subscribe() as queue:
            next_look = loop.time() + BACKSTOP_LOOK_SECONDS
            while True:
                event: LiveEvent | None
                try:
                    event = await asyncio.wait_for(queue.get(), max(0.0, next_look - loop.time()))
                except TimeoutError:
                    event = None
                if event is not None and not _announced_to(identity, event):
                    continue
                next_look = loop.time() + BACKSTOP_LOOK_SECONDS
                page = await api.notifications(identity, 50, None)
                for item in reversed(page.items):
                    if item.id not in seen:
                        seen.add(item.id)
                        yield served(item)

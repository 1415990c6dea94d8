"""Event replay (admins only; the rule lives in the use case)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from services.opportunity.api.context import Info
from services.opportunity.api.permissions import AUTHENTICATED
from services.opportunity.application.replay import replay_events


@strawberry.type
class EventMutations:
    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description=(
            "Publish the event log (every event since the service began), oldest first, to one "
            "existing queue (not to the exchange), so a new or rebuilding consumer catches up. "
            "Answers at once with how many events the replay publishes; they follow in the background."
        ),
    )
    async def replay_events(
        self, info: Info, queue: str, types: list[str] | None = None, since: datetime | None = None
    ) -> int:
        ctx = info.context
        return await replay_events(queue, types, since, ctx.identity, ctx.ports.event_archive)

"""Replaying retained events to one consumer's queue, so a new or rebuilding consumer (the
reporting service's rebuild, another system joining late) catches up without reading this
service's database and without disturbing the other subscribers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from contracts.registry import EVENT_TYPES
from servicekit.identity import Identity
from services.opportunity.application.access import require_admin
from services.opportunity.application.ports import EventArchive
from services.opportunity.domain.errors import InvalidInput

# RabbitMQ allows up to 255 bytes; server-named and reserved "amq." queues are refused.
_QUEUE_NAME = re.compile(r"^(?!amq\.)[A-Za-z0-9._:-]{1,255}$")


async def replay_events(
    queue: str,
    types: Sequence[str] | None,
    since: datetime | None,
    identity: Identity,
    archive: EventArchive | None,
) -> int:
    require_admin(identity, "replay events")
    if not _QUEUE_NAME.match(queue):
        raise InvalidInput(
            "queue", "A queue name is 1–255 letters, digits, '.', '_', ':' or '-', not 'amq.'."
        )
    unknown = sorted(set(types or ()) - set(EVENT_TYPES))
    if unknown:
        raise InvalidInput("types", f"Unknown event types: {', '.join(unknown)}.", unknown=unknown)
    if archive is None:
        raise RuntimeError("no event archive wired")  # a wiring bug, masked as internal
    return await archive.replay_to(queue, types=types or None, since=since)

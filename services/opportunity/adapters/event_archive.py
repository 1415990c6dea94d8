"""The outbox, kept whole, as the event log a replay publishes to one queue."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import aio_pika
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document
from servicekit.outbox import OUTBOX, replay_query, replay_to_queue
from services.opportunity.application.work_ports import Background
from services.opportunity.domain.errors import NotFound


class OutboxArchive:
    def __init__(self, db: AsyncDatabase[Document], amqp_url: str, background: Background) -> None:
        self._db = db
        self._amqp_url = amqp_url
        self._background = background

    async def replay_to(self, queue: str, *, types: Sequence[str] | None, since: datetime | None) -> int:
        """Count the events to replay and publish them in the background: the caller learns the
        total at once and follows the queue, instead of holding a request open for as long as a
        whole history takes to publish."""
        # Publishing through the default exchange to a missing queue drops every message
        # silently: make sure it exists first.
        connection = await aio_pika.connect(self._amqp_url)
        try:
            await (await connection.channel()).declare_queue(queue, passive=True)
        except aio_pika.exceptions.ChannelNotFoundEntity as exc:
            raise NotFound(f"No queue {queue!r}: declare and bind it before asking for a replay.") from exc
        finally:
            await connection.close()
        # Up to now: what is written later reaches the queue's consumer live, if it is bound.
        until = datetime.now(UTC)
        total = await self._db[OUTBOX].count_documents(replay_query(types, since, until))
        self._background.start(
            replay_to_queue(self._db, self._amqp_url, queue, types=types, since=since, until=until),
            name=f"replay-{queue}",
        )
        return total

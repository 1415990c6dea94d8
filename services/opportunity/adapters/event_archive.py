"""The retained outbox as an archive that can be replayed to one queue."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import aio_pika
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document
from servicekit.outbox import replay_to_queue
from services.opportunity.domain.errors import NotFound


class OutboxArchive:
    def __init__(self, db: AsyncDatabase[Document], amqp_url: str) -> None:
        self._db = db
        self._amqp_url = amqp_url

    async def replay_to(self, queue: str, *, types: Sequence[str] | None, since: datetime | None) -> int:
        # Publishing through the default exchange to a missing queue drops every message
        # silently: make sure it exists first.
        connection = await aio_pika.connect(self._amqp_url)
        try:
            await (await connection.channel()).declare_queue(queue, passive=True)
        except aio_pika.exceptions.ChannelNotFoundEntity as exc:
            raise NotFound(f"No queue {queue!r}: declare and bind it before asking for a replay.") from exc
        finally:
            await connection.close()
        return await replay_to_queue(self._db, self._amqp_url, queue, types=types, since=since)

"""Announces on the bus each notification that reached an inbox (``notification.created``), so
live feeds follow the bus rather than poll.

Published with a publisher confirm after the inbox write and before the delivery is marked
sent: when the broker is away the delivery fails and is retried, so an inbox notification is
announced at least once. The event id is derived from the notification id, so a retry
republishes the same event. The connection is opened on first use, on the actors' event loop,
and opened again after the broker dropped it.
"""

from __future__ import annotations

import asyncio
import uuid

from aio_pika.abc import AbstractConnection

from contracts import new_event
from contracts.events.notification import NotificationCreated
from servicekit.bus import EventMessage, Publisher, connect
from services.notifications.application.ports import DeliveryRequest

EVENT_SOURCE = "/notifications"
NOTIFICATION_CREATED = "notification.created"
_EVENT_IDS = uuid.UUID("5d1c3a52-6f0e-4c55-9f43-1d7f6a0c2b19")
"""Namespace of the derived event ids (any fixed UUID; changing it would re-announce)."""


def created_event_id(notification_id: str) -> str:
    return str(uuid.uuid5(_EVENT_IDS, f"{NOTIFICATION_CREATED}:{notification_id}"))


class BusAnnouncer:
    def __init__(self, amqp_url: str, exchange: str, timeout: float = 10.0) -> None:
        self._amqp_url = amqp_url
        self._exchange = exchange
        self._timeout = timeout
        self._connection: AbstractConnection | None = None
        self._publisher: Publisher | None = None
        self._opening = asyncio.Lock()  # actors announce concurrently: one connection for all

    async def notification_created(self, request: DeliveryRequest) -> None:
        data = NotificationCreated(
            id=request.notification_id, recipient_id=request.recipient_id, kind=request.kind,
            subject=request.subject, body=request.body, opportunity_ids=list(request.opportunity_ids),
            due_at=request.due_at, late=request.late, created_at=request.created_at,
        )  # fmt: skip
        event = new_event(
            type=NOTIFICATION_CREATED, source=EVENT_SOURCE, subject=request.notification_id, sequence=1,
            data=data, event_id=created_event_id(request.notification_id),
        )  # fmt: skip
        publisher = await self._open()
        try:
            [confirmed] = await publisher.publish_batch([EventMessage.of(event.model_dump(mode="json"))])
            if not confirmed:
                raise ConnectionError("the broker did not confirm notification.created")
        except Exception:
            await self.close()  # start from a fresh connection on the retry
            raise

    async def _open(self) -> Publisher:
        async with self._opening:
            if self._connection is None or self._connection.is_closed or self._publisher is None:
                await self.close()
                self._connection = await connect(
                    self._amqp_url, name=f"notifications-announcer:{self._exchange}"
                )
                publisher = Publisher(self._connection, self._exchange, self._timeout)
                await publisher.open()
                self._publisher = publisher
            return self._publisher

    async def close(self) -> None:
        connection, self._connection, self._publisher = self._connection, None, None
        if connection is not None and not connection.is_closed:
            await connection.close()

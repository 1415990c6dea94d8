"""Delivering one notification over one channel (run by the dramatiq workers).

Idempotent by the delivery id: a request handed over twice (a scheduler's lease ran out, the
broker redelivered) is delivered once. A failure is recorded (attempts, last error) and raised
so the worker retries with backoff; when the retries are spent ``delivery_exhausted`` marks
it failed. An inbox notification is announced on the bus (for live feeds) before it counts as
delivered. Channels fail on their own: a refusing mail server never touches the inbox copy.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.notifications.application.composing import EMAIL, INBOX, WEBHOOK
from services.notifications.application.ports import (
    Announcer,
    Clock,
    DeliveryLog,
    DeliveryRequest,
    Inbox,
    Mailer,
    WebhookSender,
)


@dataclass(frozen=True)
class Channels:
    inbox: Inbox
    log: DeliveryLog
    mailer: Mailer
    webhook: WebhookSender | None
    clock: Clock
    announcer: Announcer | None = None


async def deliver(request: DeliveryRequest, channels: Channels) -> None:
    if await channels.log.is_sent(request.delivery_id):
        return
    try:
        await _send(request, channels)
    except Exception as exc:
        await channels.log.record_failure(request, f"{type(exc).__name__}: {exc}"[:500], channels.clock.now())
        raise
    await channels.log.mark_sent(request, channels.clock.now())


async def _send(request: DeliveryRequest, channels: Channels) -> None:
    if request.channel == INBOX:
        await channels.inbox.add(request)
        # Also on a retry that found it stored: the attempt before may have failed right here.
        if channels.announcer is not None:
            await channels.announcer.notification_created(request)
    elif request.channel == EMAIL:
        if not request.address:
            raise ValueError("no e-mail address for the recipient")
        await channels.mailer.send(
            to=request.address, subject=request.subject, body=request.body, message_id=request.delivery_id
        )
    elif request.channel == WEBHOOK:
        if channels.webhook is None:
            raise ValueError("no webhook is configured")
        await channels.webhook.send(payload=webhook_payload(request), delivery_id=request.delivery_id)
    else:
        raise ValueError(f"unknown channel {request.channel}")


def webhook_payload(request: DeliveryRequest) -> dict[str, object]:
    return {
        "id": request.notification_id,
        "kind": request.kind,
        "recipientId": request.recipient_id,
        "subject": request.subject,
        "body": request.body,
        "opportunityIds": list(request.opportunity_ids),
        "dueAt": request.due_at.isoformat(),
        "late": request.late,
    }


async def delivery_exhausted(delivery_id: str, error: str, channels: Channels) -> None:
    """Every attempt failed: the delivery is failed for good (the message is dead-lettered)."""
    await channels.log.mark_failed(delivery_id, error, channels.clock.now())

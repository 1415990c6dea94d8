"""What an alert says and to whom: text, recipients and one delivery request per recipient
and channel. Pure, given the copies the scheduler loaded for the batch."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from servicekit.i18n import current_locale
from services.notifications.application.ports import DeliveryRequest
from services.notifications.domain import messages
from services.notifications.domain.model import (
    AlertKind,
    AlertPolicy,
    OpportunityCopy,
    ScheduledAlert,
    UserCopy,
)
from services.notifications.domain.recipients import recipients_for

INBOX, EMAIL, WEBHOOK = "INBOX", "EMAIL", "WEBHOOK"


@dataclass(frozen=True)
class Directory:
    """The copies a batch of alerts refers to."""

    opportunities: dict[str, OpportunityCopy]
    users: dict[str, UserCopy]
    admins: list[UserCopy] = field(default_factory=list)


def requests_for(
    alert: ScheduledAlert,
    directory: Directory,
    policy: AlertPolicy,
    *,
    today: date,
    now: datetime,
    late: bool,
    webhook: bool,
) -> list[DeliveryRequest] | None:
    """The deliveries for an alert, or None when there is nothing left to say (the
    opportunity was closed, or handed on again, while the alert waited)."""
    if alert.kind == AlertKind.ASSIGNED:
        still_theirs = [
            o
            for i in alert.opportunity_ids
            if (o := directory.opportunities.get(i)) and o.owner_id == alert.owner_id
        ]
        if not still_theirs:
            return None
        titles = [o.title for o in still_theirs]

        def text_in(locale: str) -> messages.Text:
            return messages.assigned(titles, locale)

        recipients = [alert.owner_id]
        opportunity_ids = tuple(o.id for o in still_theirs)
    elif alert.kind == AlertKind.NEXT_STEP:
        opportunity = directory.opportunities.get(alert.opportunity_ids[0] if alert.opportunity_ids else "")
        if opportunity is None or not opportunity.is_open:
            return None
        step, due_on = opportunity.title, date.fromisoformat(alert.anchor)

        def text_in(locale: str) -> messages.Text:
            return messages.next_step(step, alert.note or "", due_on, locale)

        recipients = [opportunity.owner_id]  # whoever owns the opportunity on the day
        opportunity_ids = (opportunity.id,)
    else:
        opportunity = directory.opportunities.get(alert.opportunity_id or "")
        if opportunity is None or not opportunity.is_open:
            return None
        open_one = opportunity

        def text_in(locale: str) -> messages.Text:
            return _text_for(alert, open_one, today, locale)

        recipients = recipients_for(opportunity.owner_id, directory.users, directory.admins, policy)
        opportunity_ids = (opportunity.id,)
    everyone = {**directory.users, **{a.id: a for a in directory.admins}}
    requests: list[DeliveryRequest] = []
    for recipient in recipients:
        notification_id = f"{alert.delivery_key}|{recipient}"
        user = everyone.get(recipient)
        # Each recipient reads it in their own language; one not (yet) known here, in the
        # process's own (the organisation's default).
        text = text_in(user.locale if user is not None else current_locale.get())
        channels: list[tuple[str, str | None]] = [(INBOX, None)]
        if user is not None and user.email:
            channels.append((EMAIL, user.email))
        if webhook:
            channels.append((WEBHOOK, None))
        requests += [
            DeliveryRequest(
                delivery_id=f"{notification_id}|{channel}",
                notification_id=notification_id,
                channel=channel,
                recipient_id=recipient,
                address=address,
                kind=alert.kind.value,
                subject=text.subject,
                body=text.body,
                opportunity_ids=opportunity_ids,
                due_at=alert.due_at,
                created_at=now,
                late=late,
            )
            for channel, address in channels
        ]
    return requests


def people_to_load(alerts: list[ScheduledAlert], opportunities: dict[str, OpportunityCopy]) -> set[str]:
    """Owners (and summary recipients) whose user copies the batch needs."""
    owners = {o.owner_id for o in opportunities.values()}
    return owners | {a.owner_id for a in alerts if a.kind in (AlertKind.ASSIGNED, AlertKind.NEXT_STEP)}


def _text_for(alert: ScheduledAlert, opportunity: OpportunityCopy, today: date, locale: str) -> messages.Text:
    facts = messages.AlertFacts(
        opportunity.id, opportunity.title, opportunity.expected_close_date, opportunity.stage_name
    )
    if alert.kind == AlertKind.UPCOMING_CLOSE:
        return messages.upcoming_close(facts, today, locale)
    if alert.kind == AlertKind.OVERDUE:
        return messages.overdue(facts, today, alert.occurrence, locale)
    return messages.stale(facts, (alert.due_at - opportunity.stage_entered_at).days, locale)

"""The scheduler's work: claim the alerts that are due and hand them to the delivery workers.

Claiming is a conditional update on the alert's state (and, for a lease that expired, on the
old lease owner), so of several schedulers exactly one wins each alert. The alert is handed to
the workers before it is marked done; if the scheduler dies in between, its lease runs out and
another scheduler hands it over again, and the workers' delivery key keeps that harmless.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from services.notifications.application.ports import Clock, DeliveryQueue, DeliveryRequest, Schedule
from services.notifications.domain import messages
from services.notifications.domain.model import (
    AlertKind,
    AlertPolicy,
    AlertState,
    OpportunityCopy,
    ScheduledAlert,
    UserCopy,
)
from services.notifications.domain.planning import after_delivery, is_late
from services.notifications.domain.recipients import recipients_for

INBOX, EMAIL, WEBHOOK = "INBOX", "EMAIL", "WEBHOOK"


@dataclass(frozen=True)
class SchedulerConfig:
    owner: str
    lease: timedelta
    late_after: timedelta
    batch_size: int = 200
    webhook_enabled: bool = False


@dataclass(frozen=True)
class TickResult:
    delivered: int = 0
    cancelled: int = 0
    lost_claims: int = 0


class Scheduler:
    def __init__(
        self, schedule: Schedule, queue: DeliveryQueue, clock: Clock, config: SchedulerConfig
    ) -> None:
        self._schedule = schedule
        self._queue = queue
        self._clock = clock
        self._config = config

    async def tick(self) -> TickResult:
        """Claim and hand over everything due now; returns what this scheduler did."""
        delivered = cancelled = lost = 0
        while True:
            now = self._clock.now()
            due = await self._schedule.due(now, self._config.batch_size)
            if not due:
                break
            policy = await self._schedule.policy()
            progressed = False
            for alert in due:
                until = now + self._config.lease
                if not await self._schedule.claim(alert, self._config.owner, now, until):
                    lost += 1
                    continue
                progressed = True
                claimed = replace(alert, state=AlertState.CLAIMED)
                if await self._hand_over(claimed, policy):
                    delivered += 1
                else:
                    cancelled += 1
            if not progressed or len(due) < self._config.batch_size:
                break
        return TickResult(delivered, cancelled, lost)

    async def _hand_over(self, alert: ScheduledAlert, policy: AlertPolicy) -> bool:
        now = self._clock.now()
        ids = (
            list(alert.opportunity_ids) if alert.kind == AlertKind.ASSIGNED else [alert.opportunity_id or ""]
        )
        opportunities = await self._schedule.opportunities(ids)
        requests = await self._requests(alert, opportunities, policy)
        late = is_late(alert, now, self._config.late_after)
        if requests is None:
            cancelled = replace(alert, state=AlertState.CANCELLED)
            await self._schedule.finish(alert, cancelled, self._config.owner, now, late=False)
            return False
        await self._queue.enqueue([replace(r, late=late) for r in requests])
        await self._schedule.finish(alert, after_delivery(alert, policy, now), self._config.owner, now, late)
        return True

    async def _requests(
        self, alert: ScheduledAlert, opportunities: dict[str, OpportunityCopy], policy: AlertPolicy
    ) -> list[DeliveryRequest] | None:
        """The deliveries for an alert, or None when there is nothing left to say (the
        opportunity was closed, or handed on again, while the alert waited)."""
        today = self._clock.now().astimezone(ZoneInfo(policy.timezone)).date()
        if alert.kind == AlertKind.ASSIGNED:
            still_theirs = [o for o in opportunities.values() if o.owner_id == alert.owner_id]
            if not still_theirs:
                return None
            text = messages.assigned([o.title for o in still_theirs])
            owner_id, recipients = alert.owner_id, [alert.owner_id]
            opportunity_ids = tuple(o.id for o in still_theirs)
        else:
            opportunity = opportunities.get(alert.opportunity_id or "")
            if opportunity is None or not opportunity.is_open:
                return None
            text = _text_for(alert, opportunity, today)
            owner_id, opportunity_ids = opportunity.owner_id, (opportunity.id,)
            recipients = []
        users = await self._schedule.users([owner_id])
        owner = users.get(owner_id)
        if owner is not None and owner.manager_id:
            users.update(await self._schedule.users([owner.manager_id]))
        admins = await self._schedule.admins()
        if alert.kind != AlertKind.ASSIGNED:
            recipients = recipients_for(owner_id, users, admins, policy)
        users.update({a.id: a for a in admins})
        return self._fan_out(alert, text, recipients, users, opportunity_ids)

    def _fan_out(
        self,
        alert: ScheduledAlert,
        text: messages.Text,
        recipients: Sequence[str],
        users: dict[str, UserCopy],
        opportunity_ids: tuple[str, ...],
    ) -> list[DeliveryRequest]:
        now = self._clock.now()
        requests: list[DeliveryRequest] = []
        for recipient in recipients:
            notification_id = f"{alert.delivery_key}|{recipient}"
            user = users.get(recipient)
            channels: list[tuple[str, str | None]] = [(INBOX, None)]
            if user is not None and user.email:
                channels.append((EMAIL, user.email))
            if self._config.webhook_enabled:
                channels.append((WEBHOOK, None))
            for channel, address in channels:
                requests.append(
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
                        late=False,
                    )
                )
        return requests


def _text_for(alert: ScheduledAlert, opportunity: OpportunityCopy, today: date) -> messages.Text:
    facts = messages.AlertFacts(
        opportunity.id, opportunity.title, opportunity.expected_close_date, opportunity.stage_name
    )
    if alert.kind == AlertKind.UPCOMING_CLOSE:
        return messages.upcoming_close(facts, today)
    if alert.kind == AlertKind.OVERDUE:
        return messages.overdue(facts, today, alert.occurrence)
    days_in_stage = (alert.due_at - opportunity.stage_entered_at).days
    return messages.stale(facts, days_in_stage)

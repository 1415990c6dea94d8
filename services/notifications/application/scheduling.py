"""The scheduler's work: claim the alerts that are due and hand them to the delivery workers.

Claims are conditional updates (state, due time or expired lease) carrying a token unique to
the claim, so of several schedulers exactly one wins each alert. A batch is claimed, composed
and handed over together: a handful of round trips per batch, not per alert, so a morning's
burst goes out quickly. Alerts are handed to the workers before they are marked done; if the
scheduler dies in between, the lease runs out, another scheduler hands them over again, and
the workers' delivery key keeps that harmless.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from datetime import timedelta
from zoneinfo import ZoneInfo

from services.notifications.application.composing import Directory, people_to_load, requests_for
from services.notifications.application.ports import Clock, DeliveryQueue, DeliveryRequest, Finished, Schedule
from services.notifications.domain.model import AlertKind, AlertState, ScheduledAlert
from services.notifications.domain.planning import after_delivery, is_late


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
            claim = await self._schedule.claim(due, self._config.owner, now, now + self._config.lease)
            lost += len(due) - len(claim.alerts)
            if claim.alerts:
                handed, dropped = await self._hand_over(claim.alerts, claim.token)
                delivered += handed
                cancelled += dropped
            if not claim.alerts or len(due) < self._config.batch_size:
                break
        return TickResult(delivered, cancelled, lost)

    async def _hand_over(self, alerts: list[ScheduledAlert], token: str) -> tuple[int, int]:
        now = self._clock.now()
        policy = await self._schedule.policy()
        directory = await self._directory(alerts)
        today = now.astimezone(ZoneInfo(policy.timezone)).date()
        requests: list[DeliveryRequest] = []
        outcomes: list[Finished] = []
        for alert in alerts:
            late = is_late(alert, now, self._config.late_after)
            made = requests_for(
                alert,
                directory,
                policy,
                today=today,
                now=now,
                late=late,
                webhook=self._config.webhook_enabled,
            )
            if made is None:
                outcomes.append(Finished(alert, replace(alert, state=AlertState.CANCELLED), late=False))
            else:
                requests += made
                outcomes.append(Finished(alert, after_delivery(alert, policy, now), late))
        try:
            await self._queue.enqueue(requests)
        except Exception:
            # Not handed over (or not all): give the claim back at once for the next tick to
            # retake, rather than leave it to wait out its lease. What went out before the
            # failure goes out again then; the workers' delivery key makes that harmless.
            with contextlib.suppress(Exception):  # if that fails too, the lease runs out instead
                await self._schedule.release([a.id for a in alerts], token)
            raise
        await self._schedule.finish(outcomes, token, now)
        dropped = sum(o.after.state == AlertState.CANCELLED for o in outcomes)
        return len(outcomes) - dropped, dropped

    async def _directory(self, alerts: list[ScheduledAlert]) -> Directory:
        ids = {a.opportunity_id for a in alerts if a.opportunity_id}
        ids |= {
            i
            for a in alerts
            if a.kind in (AlertKind.ASSIGNED, AlertKind.NEXT_STEP)
            for i in a.opportunity_ids
        }
        opportunities = await self._schedule.opportunities(sorted(ids))
        users = await self._schedule.users(sorted(people_to_load(alerts, opportunities)))
        managers = {u.manager_id for u in users.values() if u.manager_id} - set(users)
        if managers:
            users |= await self._schedule.users(sorted(managers))
        return Directory(opportunities, users, await self._schedule.admins())

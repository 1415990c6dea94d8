"""Which alerts an opportunity calls for, and how the schedule follows its changes.

Pure functions: the consumer calls them with the newest copy it holds, so applying the newest
snapshot gives the same schedule whatever order the events arrived in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from services.notifications.domain.model import (
    PENDING_STATES,
    AlertKind,
    AlertPolicy,
    AlertState,
    OpportunityCopy,
    PipelineCopy,
    PlannedAlert,
    ScheduledAlert,
    reminder_id,
)


def morning_of(day: date, policy: AlertPolicy) -> datetime:
    """``alert_hour`` o'clock on ``day`` in the organisation's zone, as an aware datetime."""
    return datetime.combine(day, time(policy.alert_hour), tzinfo=ZoneInfo(policy.timezone))


def first_morning_at_or_after(moment: datetime, policy: AlertPolicy) -> datetime:
    zone = ZoneInfo(policy.timezone)
    morning = morning_of(moment.astimezone(zone).date(), policy)
    return morning if morning >= moment else morning_of(morning.date() + timedelta(days=1), policy)


def alert_inputs(opportunity: OpportunityCopy) -> tuple[object, ...]:
    """The facts the alerts depend on: when none changed (a new title, amount, probability),
    the schedule needs no second look."""
    o = opportunity
    return (o.owner_id, o.status, o.expected_close_date, o.pipeline_id, o.stage_key, o.stage_entered_at)


def plan_alerts(
    opportunity: OpportunityCopy, pipeline: PipelineCopy | None, policy: AlertPolicy, now: datetime
) -> dict[AlertKind, PlannedAlert | None]:
    """The alerts the opportunity calls for now; ``None`` for a kind means "nothing pending".

    - upcoming close: ``alert_days_before_close`` days before the close date, in the morning,
      while the date has not passed;
    - overdue: the first morning after the close date (reminders follow, see ``after_delivery``);
    - stale: when the stay in the current stage exceeds the stage's rotting threshold.
    A closed opportunity calls for none.
    """
    plans: dict[AlertKind, PlannedAlert | None] = dict.fromkeys(
        (AlertKind.UPCOMING_CLOSE, AlertKind.OVERDUE, AlertKind.STALE)
    )
    if not opportunity.is_open:
        return plans
    close = opportunity.expected_close_date
    anchor = close.isoformat()
    today = now.astimezone(ZoneInfo(policy.timezone)).date()
    days_before = pipeline.alert_days_before_close if pipeline else policy.default_alert_days_before_close
    if close >= today:
        due = morning_of(close - timedelta(days=days_before), policy)
        plans[AlertKind.UPCOMING_CLOSE] = PlannedAlert(AlertKind.UPCOMING_CLOSE, anchor, due)
    plans[AlertKind.OVERDUE] = PlannedAlert(
        AlertKind.OVERDUE, anchor, morning_of(close + timedelta(days=1), policy)
    )
    rotting = pipeline.rotting_days.get(opportunity.stage_key) if pipeline else None
    if rotting:
        entered = opportunity.stage_entered_at
        plans[AlertKind.STALE] = PlannedAlert(
            AlertKind.STALE,
            f"{opportunity.stage_key}@{entered.isoformat()}",
            first_morning_at_or_after(entered + timedelta(days=rotting), policy),
        )
    return plans


@dataclass(frozen=True)
class Change:
    """What to write for one kind: ``alert`` is the document's new content (``None``: leave it)."""

    alert: ScheduledAlert | None
    cancelled: bool = False


def reconcile(
    existing: ScheduledAlert | None,
    planned: PlannedAlert | None,
    *,
    alert_id: str,
    opportunity_id: str,
    owner_id: str,
    now: datetime,
) -> Change:
    """Move the schedule for one kind to what the plan says.

    - nothing planned: a pending alert is cancelled (won, lost, no threshold);
    - same anchor: redirected to the current owner, and a first occurrence still pending moves
      with a new lead time; a cancelled one is restored (reopened); a delivered one is not
      delivered again;
    - new anchor (a new close date, a new stage): rescheduled from its first occurrence.
    An alert whose time has already come when it is (re)planned is due now, not late.
    """
    if planned is None:
        if existing is not None and existing.state in PENDING_STATES:
            return Change(replace(existing, state=AlertState.CANCELLED), cancelled=True)
        return Change(None)
    if existing is not None and existing.anchor == planned.anchor:
        if existing.state == AlertState.CANCELLED:
            return Change(
                replace(
                    existing, state=AlertState.PENDING, owner_id=owner_id, due_at=max(existing.due_at, now)
                )
            )
        moved = existing
        if (
            existing.state == AlertState.PENDING
            and existing.occurrence == 0
            and existing.due_at != planned.due_at
        ):
            # Same close date, new lead time (the pipeline's, or the organisation's hour/zone).
            moved = replace(existing, due_at=max(planned.due_at, now))
        if existing.owner_id != owner_id:
            moved = replace(moved, owner_id=owner_id)
        return Change(moved if moved != existing else None)
    return Change(
        ScheduledAlert(
            id=alert_id,
            kind=planned.kind,
            opportunity_id=opportunity_id,
            anchor=planned.anchor,
            due_at=max(planned.due_at, now),
            state=AlertState.PENDING,
            owner_id=owner_id,
            occurrence=0,
        )
    )


def after_delivery(alert: ScheduledAlert, policy: AlertPolicy, now: datetime) -> ScheduledAlert:
    """The alert once handed to delivery: an overdue alert comes back every
    ``overdue_reminder_days`` (the next reminder after ``now``, so a scheduler that was down
    sends one catch-up, not a burst); every other kind is done."""
    if alert.kind != AlertKind.OVERDUE:
        return replace(alert, state=AlertState.DELIVERED)
    step = timedelta(days=policy.overdue_reminder_days)
    due = alert.due_at + step
    while due <= now:
        due += step
    return replace(alert, state=AlertState.PENDING, occurrence=alert.occurrence + 1, due_at=due)


def is_late(alert: ScheduledAlert, now: datetime, late_after: timedelta) -> bool:
    return now - alert.due_at > late_after


@dataclass(frozen=True)
class NextStep:
    """An activity's next step as its newest event tells it."""

    activity_id: str
    opportunity_id: str
    owner_id: str
    due_on: date | None
    what: str
    done: bool
    """Completed, or its opportunity is closed: nothing to remind of."""


def plan_reminder(
    existing: ScheduledAlert | None, step: NextStep, policy: AlertPolicy, now: datetime
) -> ScheduledAlert | None:
    """The reminder's new content, or None to leave it as it is.

    At ``alert_hour`` on the due day in the organisation's zone (at once if that hour has passed
    today; none for a day already past). A new due day reschedules it; completing it cancels
    it; a reminder already delivered for that day is never sent again.
    """
    today = now.astimezone(ZoneInfo(policy.timezone)).date()
    if step.due_on is None or step.done or step.due_on < today:
        if existing is not None and existing.state in PENDING_STATES:
            return replace(existing, state=AlertState.CANCELLED)
        return None
    anchor = step.due_on.isoformat()
    if existing is not None and existing.anchor == anchor:
        if existing.state == AlertState.DELIVERED:
            return None
        state = AlertState.PENDING if existing.state == AlertState.CANCELLED else existing.state
        kept = replace(existing, state=state, owner_id=step.owner_id, note=step.what)
        return kept if kept != existing else None
    return ScheduledAlert(
        id=reminder_id(step.activity_id),
        kind=AlertKind.NEXT_STEP,
        opportunity_id=None,  # not one of the opportunity's own alerts: it keeps its own record
        anchor=anchor,
        due_at=max(morning_of(step.due_on, policy), now),
        state=AlertState.PENDING,
        owner_id=step.owner_id,
        opportunity_ids=(step.opportunity_id,),
        note=step.what,
    )

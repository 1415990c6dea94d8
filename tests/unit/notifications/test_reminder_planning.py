"""How a next step's reminder follows the activity: planned for the due day's alert hour in the
organisation's zone, moved with the day, cancelled when done, never sent twice for a day."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from services.notifications.domain.model import AlertPolicy, AlertState
from services.notifications.domain.planning import NextStep, plan_reminder

TAIPEI = AlertPolicy(timezone="Asia/Taipei", alert_hour=9)
NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # 11:00 in Taipei
STEP = NextStep("act-1", "opp-1", "rep-1", date(2026, 3, 5), "Call back", done=False)


def test_a_due_day_is_reminded_at_the_alert_hour_in_the_organisations_zone() -> None:
    reminder = plan_reminder(None, STEP, TAIPEI, NOW)
    assert reminder is not None
    assert (reminder.due_at, reminder.state, reminder.owner_id) == (
        datetime(2026, 3, 5, 1, 0, tzinfo=UTC),
        AlertState.PENDING,
        "rep-1",
    )
    assert (reminder.opportunity_ids, reminder.note) == (("opp-1",), "Call back")


def test_a_step_due_today_after_the_hour_is_due_at_once_and_one_already_past_is_not_planned() -> None:
    today = replace(STEP, due_on=date(2026, 3, 2))
    assert plan_reminder(None, today, TAIPEI, NOW).due_at == NOW  # type: ignore[union-attr]
    assert plan_reminder(None, replace(STEP, due_on=date(2026, 3, 1)), TAIPEI, NOW) is None


def test_a_new_day_moves_it_and_completion_cancels_it() -> None:
    planned = plan_reminder(None, STEP, TAIPEI, NOW)
    moved = plan_reminder(planned, replace(STEP, due_on=date(2026, 3, 9)), TAIPEI, NOW)
    assert moved is not None and moved.due_at == datetime(2026, 3, 9, 1, 0, tzinfo=UTC)
    cancelled = plan_reminder(moved, replace(STEP, due_on=date(2026, 3, 9), done=True), TAIPEI, NOW)
    assert cancelled is not None and cancelled.state == AlertState.CANCELLED


def test_a_reminder_delivered_for_its_day_is_not_planned_again() -> None:
    planned = plan_reminder(None, STEP, TAIPEI, NOW)
    assert planned is not None
    delivered = replace(planned, state=AlertState.DELIVERED)
    assert plan_reminder(delivered, replace(STEP, what="Call back again"), TAIPEI, NOW) is None

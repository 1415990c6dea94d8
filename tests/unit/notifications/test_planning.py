"""Which alerts an opportunity calls for, and how the schedule follows its changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from services.notifications.domain.model import (
    AlertKind,
    AlertPolicy,
    AlertState,
    OpportunityCopy,
    PipelineCopy,
    ScheduledAlert,
)
from services.notifications.domain.planning import (
    after_delivery,
    alert_inputs,
    is_late,
    plan_alerts,
    reconcile,
)

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
POLICY = AlertPolicy()
PIPELINE = PipelineCopy("pl-1", "Software", alert_days_before_close=7, rotting_days={"proposal": 5})


def opportunity(**changes: object) -> OpportunityCopy:
    base = OpportunityCopy(
        id="opp-1", title="Deal", owner_id="rep-1", team="north", pipeline_id="pl-1", stage_key="discover",
        stage_name="Discover", stage_entered_at=NOW, status="OPEN", expected_close_date=date(2026, 3, 20), version=1,
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


def test_the_upcoming_alert_is_due_at_nine_in_the_morning_n_days_before_the_close_date() -> None:
    upcoming = plan_alerts(opportunity(), PIPELINE, POLICY, NOW)[AlertKind.UPCOMING_CLOSE]
    assert upcoming is not None and upcoming.due_at == datetime(2026, 3, 13, 9, 0, tzinfo=UTC)


def test_nine_in_the_morning_is_in_the_organisation_s_time_zone() -> None:
    taipei = AlertPolicy(timezone="Asia/Taipei")
    due = plan_alerts(opportunity(), PIPELINE, taipei, NOW)[AlertKind.UPCOMING_CLOSE]
    assert due is not None and due.due_at.astimezone(UTC) == datetime(2026, 3, 13, 1, 0, tzinfo=UTC)


def test_without_a_known_pipeline_the_default_number_of_days_applies() -> None:
    due = plan_alerts(opportunity(), None, AlertPolicy(default_alert_days_before_close=3), NOW)[
        AlertKind.UPCOMING_CLOSE
    ]
    assert due is not None and due.due_at.date() == date(2026, 3, 17)


def test_the_overdue_alert_is_due_the_first_morning_after_the_close_date() -> None:
    overdue = plan_alerts(opportunity(), PIPELINE, POLICY, NOW)[AlertKind.OVERDUE]
    assert overdue is not None and overdue.due_at == datetime(2026, 3, 21, 9, 0, tzinfo=UTC)


def test_a_passed_close_date_calls_for_no_upcoming_alert_only_overdue() -> None:
    plans = plan_alerts(opportunity(expected_close_date=date(2026, 3, 1)), PIPELINE, POLICY, NOW)
    assert plans[AlertKind.UPCOMING_CLOSE] is None
    assert plans[AlertKind.OVERDUE] is not None


def test_a_stage_with_a_rotting_threshold_calls_for_a_stale_alert() -> None:
    plans = plan_alerts(opportunity(stage_key="proposal"), PIPELINE, POLICY, NOW)
    stale = plans[AlertKind.STALE]
    assert stale is not None and stale.due_at == datetime(2026, 3, 8, 9, 0, tzinfo=UTC)
    assert plan_alerts(opportunity(), PIPELINE, POLICY, NOW)[AlertKind.STALE] is None


def test_a_closed_opportunity_calls_for_nothing() -> None:
    assert set(plan_alerts(opportunity(status="WON"), PIPELINE, POLICY, NOW).values()) == {None}


def _alert(**changes: object) -> ScheduledAlert:
    base = ScheduledAlert(
        id="opp-1:UPCOMING_CLOSE", kind=AlertKind.UPCOMING_CLOSE, opportunity_id="opp-1", anchor="2026-03-20",
        due_at=datetime(2026, 3, 13, 9, tzinfo=UTC), state=AlertState.PENDING, owner_id="rep-1",
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


def _reconcile(
    existing: ScheduledAlert | None, opp: OpportunityCopy, now: datetime = NOW
) -> ScheduledAlert | None:
    planned = plan_alerts(opp, PIPELINE, POLICY, now)[AlertKind.UPCOMING_CLOSE]
    change = reconcile(
        existing,
        planned,
        alert_id="opp-1:UPCOMING_CLOSE",
        opportunity_id="opp-1",
        owner_id=opp.owner_id,
        now=now,
    )
    return change.alert


def test_a_new_close_date_moves_the_pending_alert() -> None:
    moved = _reconcile(_alert(), opportunity(expected_close_date=date(2026, 4, 1)))
    assert moved is not None and moved.due_at == datetime(2026, 3, 25, 9, tzinfo=UTC)
    assert moved.state == AlertState.PENDING


def test_a_new_owner_redirects_the_pending_alert_without_moving_it() -> None:
    redirected = _reconcile(_alert(), opportunity(owner_id="rep-2"))
    assert redirected is not None
    assert (redirected.owner_id, redirected.due_at) == ("rep-2", _alert().due_at)


def test_winning_cancels_and_reopening_restores() -> None:
    cancelled = _reconcile(_alert(), opportunity(status="WON"))
    assert cancelled is not None and cancelled.state == AlertState.CANCELLED
    restored = _reconcile(cancelled, opportunity())
    assert restored is not None and restored.state == AlertState.PENDING


def test_an_alert_already_delivered_is_not_planned_again_for_the_same_close_date() -> None:
    assert _reconcile(_alert(state=AlertState.DELIVERED), opportunity()) is None


def test_an_alert_planned_after_its_time_is_due_now_not_late() -> None:
    late_planned = _reconcile(None, opportunity(expected_close_date=date(2026, 3, 4)))
    assert late_planned is not None and late_planned.due_at == NOW
    assert not is_late(late_planned, NOW, timedelta(minutes=5))


def test_an_overdue_reminder_comes_back_every_n_days_once_even_after_a_long_outage() -> None:
    overdue = _alert(id="opp-1:OVERDUE", kind=AlertKind.OVERDUE, due_at=datetime(2026, 3, 21, 9, tzinfo=UTC))
    following = after_delivery(overdue, POLICY, datetime(2026, 3, 21, 9, tzinfo=UTC))
    assert (following.state, following.occurrence) == (AlertState.PENDING, 1)
    assert following.due_at == datetime(2026, 3, 24, 9, tzinfo=UTC)
    after_outage = after_delivery(overdue, POLICY, datetime(2026, 4, 1, 12, tzinfo=UTC))
    assert after_outage.due_at == datetime(2026, 4, 2, 9, tzinfo=UTC)


def test_other_kinds_are_done_once_delivered() -> None:
    assert after_delivery(_alert(), POLICY, NOW).state == AlertState.DELIVERED


def test_a_new_lead_time_moves_a_pending_alert_for_the_same_close_date() -> None:
    shorter = replace(PIPELINE, alert_days_before_close=3)
    planned = plan_alerts(opportunity(), shorter, POLICY, NOW)[AlertKind.UPCOMING_CLOSE]
    change = reconcile(
        _alert(), planned, alert_id="opp-1:UPCOMING_CLOSE", opportunity_id="opp-1", owner_id="rep-1", now=NOW
    )
    assert change.alert is not None and change.alert.due_at == datetime(2026, 3, 17, 9, tzinfo=UTC)


def test_a_new_title_leaves_what_alerts_depend_on_unchanged_a_new_close_date_does_not() -> None:
    assert alert_inputs(opportunity(title="Renamed")) == alert_inputs(opportunity())
    assert alert_inputs(opportunity(expected_close_date=date(2026, 4, 1))) != alert_inputs(opportunity())
    assert alert_inputs(opportunity(owner_id="rep-2")) != alert_inputs(opportunity())

"""What an alert says and to whom, once the scheduler hands it over."""

from __future__ import annotations

from datetime import UTC, date, datetime

from services.notifications.application.composing import Directory, requests_for
from services.notifications.domain.model import (
    AlertKind,
    AlertPolicy,
    AlertState,
    OpportunityCopy,
    ScheduledAlert,
    UserCopy,
)

NOW = datetime(2026, 3, 13, 9, tzinfo=UTC)
OPP = OpportunityCopy(
    id="opp-1", title="Deal", owner_id="rep-1", team="north", pipeline_id="pl-1", stage_key="discover",
    stage_name="Discover", stage_entered_at=NOW, status="OPEN", expected_close_date=date(2026, 3, 20), version=3,
)  # fmt: skip
REP = UserCopy("rep-1", "Rep", "rep@example.com", "REP", manager_id="mgr-1", locale="en")
MANAGER = UserCopy("mgr-1", "Manager", "mgr@example.com", "MANAGER")
UPCOMING = ScheduledAlert(
    id="opp-1:UPCOMING_CLOSE", kind=AlertKind.UPCOMING_CLOSE, opportunity_id="opp-1", anchor="2026-03-20",
    due_at=NOW, state=AlertState.CLAIMED, owner_id="rep-1",
)  # fmt: skip


def _requests(
    alert: ScheduledAlert, directory: Directory, policy: AlertPolicy = AlertPolicy(), webhook: bool = False
):
    return requests_for(alert, directory, policy, today=NOW.date(), now=NOW, late=False, webhook=webhook)


def test_the_owner_gets_an_inbox_copy_and_an_e_mail() -> None:
    requests = _requests(UPCOMING, Directory({"opp-1": OPP}, {"rep-1": REP}))
    assert requests is not None
    assert [(r.recipient_id, r.channel, r.address) for r in requests] == [
        ("rep-1", "INBOX", None),
        ("rep-1", "EMAIL", "rep@example.com"),
    ]
    assert {r.subject for r in requests} == {"Closing in 7 days: Deal"}
    assert len({r.delivery_id for r in requests}) == 2


def test_the_manager_is_added_and_the_webhook_gets_a_copy_per_recipient_when_configured() -> None:
    directory = Directory({"opp-1": OPP}, {"rep-1": REP, "mgr-1": MANAGER})
    requests = _requests(UPCOMING, directory, AlertPolicy(notify_manager=True), webhook=True)
    assert requests is not None
    assert sorted({(r.recipient_id, r.channel) for r in requests}) == [
        ("mgr-1", "EMAIL"), ("mgr-1", "INBOX"), ("mgr-1", "WEBHOOK"),
        ("rep-1", "EMAIL"), ("rep-1", "INBOX"), ("rep-1", "WEBHOOK"),
    ]  # fmt: skip


def test_each_recipient_reads_the_alert_in_their_own_language() -> None:
    directory = Directory({"opp-1": OPP}, {"rep-1": REP, "mgr-1": MANAGER})  # the manager never chose
    requests = _requests(UPCOMING, directory, AlertPolicy(notify_manager=True))
    assert requests is not None
    assert {(r.recipient_id, r.subject) for r in requests} == {
        ("rep-1", "Closing in 7 days: Deal"),
        ("mgr-1", "7 天後結案：Deal"),
    }
    manager_mail = next(r for r in requests if r.recipient_id == "mgr-1" and r.channel == "EMAIL")
    assert manager_mail.body == "Deal 預計於 2026-03-20 結案（7 天後）。"


def test_an_alert_for_an_opportunity_closed_meanwhile_says_nothing() -> None:
    won = OpportunityCopy(**{**OPP.__dict__, "status": "WON"})
    assert _requests(UPCOMING, Directory({"opp-1": won}, {"rep-1": REP})) is None


def test_a_summary_lists_only_what_is_still_the_recipient_s() -> None:
    summary = ScheduledAlert(
        id="assigned:rep-1:req-1", kind=AlertKind.ASSIGNED, opportunity_id=None, anchor="req-1", due_at=NOW,
        state=AlertState.CLAIMED, owner_id="rep-1", opportunity_ids=("opp-1", "opp-2"),
    )  # fmt: skip
    handed_on = OpportunityCopy(**{**OPP.__dict__, "id": "opp-2", "owner_id": "rep-9"})
    requests = _requests(summary, Directory({"opp-1": OPP, "opp-2": handed_on}, {"rep-1": REP}))
    assert requests is not None
    assert {r.subject for r in requests} == {"Assigned to you: Deal"}
    assert {r.opportunity_ids for r in requests} == {("opp-1",)}

"""Recipients, access scopes, alert settings validation, texts and inbox cursors."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.notifications.application.inbox import decode_cursor, encode_cursor
from services.notifications.domain import messages
from services.notifications.domain.access import Viewer, can_view
from services.notifications.domain.errors import InvalidAlertSettings, InvalidRequest
from services.notifications.domain.model import AlertPolicy, OpportunityCopy, UserCopy
from services.notifications.domain.policy import updated_policy
from services.notifications.domain.recipients import recipients_for
from services.notifications.settings import NotificationSettings

REP = UserCopy("rep-1", "Rep", "rep@example.com", "REP", manager_id="mgr-1")
MANAGER = UserCopy("mgr-1", "Manager", "mgr@example.com", "MANAGER")
ADMIN = UserCopy("admin-1", "Admin", "admin@example.com", "ADMIN")
USERS = {u.id: u for u in (REP, MANAGER)}


def test_by_default_only_the_owner_is_alerted() -> None:
    assert recipients_for("rep-1", USERS, [ADMIN], AlertPolicy()) == ["rep-1"]


def test_the_settings_add_the_manager_and_the_admins() -> None:
    policy = AlertPolicy(notify_manager=True, notify_admins=True)
    assert recipients_for("rep-1", USERS, [ADMIN], policy) == ["rep-1", "mgr-1", "admin-1"]


def test_an_owner_who_left_is_replaced_by_the_admins() -> None:
    gone = {"rep-1": UserCopy("rep-1", "Rep", "rep@example.com", "REP", active=False)}
    assert recipients_for("rep-1", gone, [ADMIN], AlertPolicy()) == ["admin-1"]


def test_an_owner_not_yet_known_is_still_alerted() -> None:
    assert recipients_for("rep-7", {}, [ADMIN], AlertPolicy()) == ["rep-7"]


def test_a_rep_sees_their_own_a_manager_their_team_an_admin_everything() -> None:
    def seen_by(viewer: Viewer) -> list[str]:
        return [o.id for o in opportunities if can_view(viewer, o)]

    opportunities = [
        _copy(owner, team) for owner, team in [("rep-1", "north"), ("rep-2", "north"), ("rep-3", "south")]
    ]
    assert seen_by(Viewer("rep-1", "REP", "north")) == ["rep-1/north"]
    assert seen_by(Viewer("mgr-1", "MANAGER", "north")) == ["rep-1/north", "rep-2/north"]
    assert seen_by(Viewer("admin-1", "ADMIN", None)) == ["rep-1/north", "rep-2/north", "rep-3/south"]


def test_an_unknown_time_zone_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidAlertSettings) as error:
        updated_policy(AlertPolicy(), {"timezone": "Mars/Olympus"})
    assert error.value.details == {"field": "timezone"}


@pytest.mark.parametrize("changes", [{"alert_hour": 24}, {"overdue_reminder_days": 0}])
def test_out_of_range_settings_are_refused(changes: dict[str, int]) -> None:
    with pytest.raises(InvalidAlertSettings):
        updated_policy(AlertPolicy(), changes)


def test_the_upcoming_text_counts_the_days_left() -> None:
    facts = messages.AlertFacts("opp-1", "Deal", date(2026, 3, 9))
    assert messages.upcoming_close(facts, date(2026, 3, 2), "en").subject == "Closing in 7 days: Deal"
    assert messages.upcoming_close(facts, date(2026, 3, 9), "en").subject == "Closing today: Deal"


def test_a_summary_lists_every_opportunity_assigned() -> None:
    text = messages.assigned(["A", "B"], "en")
    assert text.subject == "2 opportunities assigned to you"
    assert text.body.splitlines()[1:] == ["- A", "- B"]


def test_an_inbox_cursor_round_trips_and_a_forged_one_is_refused() -> None:
    doc = {"read": False, "created_at": datetime(2026, 3, 2, tzinfo=UTC), "_id": "n1"}
    position = decode_cursor(encode_cursor(doc))
    assert (position.read, position.created_at, position.id) == (False, doc["created_at"], "n1")
    with pytest.raises(InvalidRequest):
        decode_cursor("not-a-cursor")


def test_a_process_refuses_to_start_with_an_unknown_organisation_time_zone() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        NotificationSettings(org_timezone="Mars/Olympus")


def _copy(owner: str, team: str) -> OpportunityCopy:
    return OpportunityCopy(
        id=f"{owner}/{team}", title="Deal", owner_id=owner, team=team, pipeline_id="p", stage_key="s",
        stage_name=None, stage_entered_at=datetime(2026, 3, 1, tzinfo=UTC), status="OPEN",
        expected_close_date=date(2026, 4, 1), version=1,
    )  # fmt: skip


def test_an_alert_is_written_in_the_recipients_language() -> None:
    facts = messages.AlertFacts("opp-1", "Deal", date(2026, 3, 9))
    english = messages.overdue(facts, date(2026, 3, 12), 0, "en")
    chinese = messages.overdue(facts, date(2026, 3, 12), 0, "zh-TW")
    assert (english.subject, chinese.subject) == ("Overdue: Deal", "已逾期：Deal")
    assert chinese.body == "Deal 已超過預計結案日 2026-03-09 3 天，仍未結案。請結案或設定新日期。"
    assert messages.upcoming_close(facts, date(2026, 3, 8), "zh-TW").subject == "1 天後結案：Deal"

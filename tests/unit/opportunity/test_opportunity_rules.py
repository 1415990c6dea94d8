from datetime import date, timedelta
from decimal import Decimal

import pytest

from services.opportunity.domain.edits import (
    FieldEdits,
    adjust_difficulty,
    change_close_date,
    edit_fields,
    override_probability,
)
from services.opportunity.domain.errors import InvalidInput, LostReasonRequired, OpportunityClosed
from services.opportunity.domain.history import visits
from services.opportunity.domain.moves import MoveKind, move_stage
from services.opportunity.domain.opportunity import Status
from services.opportunity.domain.pipeline import update_stage

from ._factories import T0, opportunity, pipeline

HOUR = timedelta(hours=1)


def test_a_new_opportunity_starts_in_the_first_stage_with_its_probability() -> None:
    opp = opportunity()
    assert opp.stage.key == "discover" and opp.probability == 10 and opp.version == 1
    assert opp.difficulty == Decimal("1.0") and opp.status is Status.OPEN


@pytest.mark.parametrize("title", ["", "   ", "x" * 10_000])
def test_empty_or_huge_titles_are_refused(title: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        opportunity(title=title)
    assert caught.value.field == "title"


@pytest.mark.parametrize("difficulty", ["0", "5.1", "-1", "abc", "1.234"])
def test_difficulty_out_of_range_is_refused(difficulty: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        opportunity(difficulty=difficulty)
    assert caught.value.field == "difficulty"


def test_probability_follows_the_stage() -> None:
    move = move_stage(opportunity(), pipeline(), "proposal", by="rep-1", now=T0 + HOUR)
    assert move.after.probability == 75 and move.kind is MoveKind.STAGE_CHANGED
    assert move.seconds_in_previous_stage == 3600 and move.after.version == 2


def test_moving_to_won_sets_probability_to_100_even_when_overridden() -> None:
    opp = override_probability(opportunity(), 35, by="rep-1", now=T0)
    assert opp.probability == 35 and opp.probability_override == 35
    move = move_stage(opp, pipeline(), "won", by="rep-1", now=T0 + HOUR)
    assert move.kind is MoveKind.WON and move.after.probability == 100
    assert move.after.status is Status.WON and move.after.closed_at == T0 + HOUR


def test_moving_to_lost_needs_a_reason_and_sets_probability_to_0() -> None:
    with pytest.raises(LostReasonRequired):
        move_stage(opportunity(), pipeline(), "lost", by="rep-1", now=T0, lost_reason="  ")
    with pytest.raises(LostReasonRequired):  # words alone are not a reason from the list
        move_stage(opportunity(), pipeline(), "lost", by="rep-1", now=T0, lost_reason="too dear")
    move = move_stage(opportunity(), pipeline(), "lost", by="rep-1", now=T0, lost_reason_key="price")
    assert move.kind is MoveKind.LOST and move.after.probability == 0
    assert (move.after.lost_reason_key, move.after.lost_reason, move.lost_reason_name) == (
        "price",
        None,
        "Price",
    )


def test_a_closed_opportunity_moves_only_by_reopening() -> None:
    won = move_stage(opportunity(), pipeline(), "won", by="rep-1", now=T0).after
    with pytest.raises(OpportunityClosed):
        move_stage(won, pipeline(), "proposal", by="rep-1", now=T0)
    reopened = move_stage(won, pipeline(), "proposal", by="rep-1", now=T0 + HOUR, reopen=True)
    assert reopened.kind is MoveKind.REOPENED and reopened.after.status is Status.OPEN
    assert reopened.after.closed_at is None and reopened.after.probability == 75


def test_clearing_the_override_returns_to_the_stage_default_and_history_records_both() -> None:
    opp = override_probability(opportunity(), 35, by="mgr", now=T0)
    opp = override_probability(opp, None, by="mgr", now=T0 + HOUR)
    assert opp.probability == 10 and opp.probability_override is None
    assert [(c.before, c.after) for c in opp.probability_history] == [(None, 35), (35, None)]


def test_stage_visits_have_durations_and_a_stage_visited_twice_appears_twice() -> None:
    pipe = pipeline()
    opp = move_stage(opportunity(), pipe, "validate", by="rep-1", now=T0 + HOUR).after
    opp = move_stage(opp, pipe, "discover", by="rep-1", now=T0 + 3 * HOUR, note="back").after
    stays = visits(opp.stage_history)
    assert [v.stage.key for v in stays] == ["discover", "validate", "discover"]
    assert [v.duration_seconds(T0 + 4 * HOUR) for v in stays] == [3600, 7200, 3600]
    assert stays[-1].note == "back" and stays[-1].left_at is None


def test_history_keeps_the_name_a_stage_had_when_entered() -> None:
    pipe = pipeline()
    opp = move_stage(opportunity(), pipe, "validate", by="rep-1", now=T0).after
    renamed = update_stage(pipe, "validate", T0, name_en="Qualify")
    opp = move_stage(opp, renamed, "proposal", by="rep-1", now=T0 + HOUR).after
    assert opp.stage_history[1].to_stage.name_en == "Validate"
    assert opp.stage_history[2].from_stage is not None
    assert opp.stage_history[2].from_stage.name_en == "Validate"


def test_rotting_after_the_stage_threshold() -> None:
    pipe = update_stage(pipeline(), "discover", T0, rotting_days=3)
    opp = opportunity(pipe)
    assert not opp.rotting(pipe.stage("discover"), T0 + timedelta(days=2))
    assert opp.rotting(pipe.stage("discover"), T0 + timedelta(days=4))


def test_close_date_changes_are_kept_and_overdue_only_while_open() -> None:
    opp = change_close_date(opportunity(), date(2027, 1, 31), by="rep-1", now=T0)
    assert [(c.old, c.new) for c in opp.close_date_history] == [
        (None, date(2026, 12, 31)),
        (date(2026, 12, 31), date(2027, 1, 31)),
    ]
    assert opp.overdue(date(2027, 2, 1)) and not opp.overdue(date(2027, 1, 31))
    won = move_stage(opp, pipeline(), "won", by="rep-1", now=T0).after
    assert not won.overdue(date(2027, 2, 1))


def test_editing_fields_reports_before_and_after_and_no_change_keeps_the_version() -> None:
    edit = edit_fields(opportunity(), FieldEdits(title="ERP upgrade", source_id="src-9"), now=T0)
    assert edit.changes == [("source_id", None, "src-9")] and edit.after.version == 2
    same = edit_fields(edit.after, FieldEdits(title="ERP upgrade"), now=T0)
    assert same.changes == [] and same.after.version == 2


def test_a_difficulty_adjustment_needs_a_reason_and_is_kept_in_the_history() -> None:
    with pytest.raises(InvalidInput) as refused:
        adjust_difficulty(opportunity(), "2.5", reason=" ", by="mgr-1", now=T0)
    assert refused.value.field == "difficultyReason"
    adjusted = adjust_difficulty(opportunity(), "2.5", reason="Three competitors bid", by="mgr-1", now=T0)
    assert adjusted.difficulty == Decimal("2.5") and adjusted.version == 2
    assert [(c.before, c.after, c.by, c.reason) for c in adjusted.difficulty_history] == [
        (Decimal("1.0"), Decimal("2.5"), "mgr-1", "Three competitors bid")
    ]
    assert adjust_difficulty(adjusted, "2.50", reason=None, by="mgr-1", now=T0) is adjusted


def test_a_managers_difficulty_stands_even_when_set_back_to_one() -> None:
    """The appraisal policy's rules decide a deal's difficulty unless a manager set it."""
    assert opportunity().difficulty_by_manager is False
    raised = adjust_difficulty(opportunity(), "2.5", reason="Three competitors bid", by="mgr-1", now=T0)
    back = adjust_difficulty(raised, "1.0", reason="The rivals withdrew", by="mgr-1", now=T0)
    assert back.difficulty == Decimal("1.0") and back.difficulty_by_manager is True

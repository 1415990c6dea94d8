"""The per-opportunity read model derived from its facts."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta

from contracts.registry import EVENT_TYPES
from services.reporting.domain.view import project
from tests.unit.reporting.builders import T0, History


def test_each_stage_move_becomes_a_visit_with_its_duration_and_owner() -> None:
    view = project(History().move(2, "validate").move(3.5, "quote").facts)
    assert [(v.stage_key, v.seconds, v.owner_id) for v in view.visits] == [
        ("discover", 2 * 86400, "u-1"),
        ("validate", int(3.5 * 86400), "u-1"),
    ]
    assert view.stage_key == "quote"
    assert view.reached_stages == {"discover", "validate", "quote"}


def test_facts_in_any_order_give_the_same_model() -> None:
    facts = (
        History().move(1, "validate").close_date(1, date(2026, 5, 1)).reassign_by_edit(2, "u-2").win(4).facts
    )
    shuffled = list(facts)
    random.Random(1).shuffle(shuffled)
    assert project(shuffled) == project(facts)


def test_an_assignment_dates_the_handover_by_its_own_time() -> None:
    handover = T0 + timedelta(days=3, hours=5)
    view = project(History().assign(4, "u-2", handover).facts)
    assert [(o.owner_id, o.start, o.end) for o in view.ownership] == [
        ("u-1", T0, handover),
        ("u-2", handover, None),
    ]


def test_an_owner_change_by_edit_is_dated_by_the_update() -> None:
    view = project(History().reassign_by_edit(4, "u-2").facts)
    assert view.ownership[1].start == T0 + timedelta(days=4)


def test_a_win_after_the_expected_date_is_a_late_close_with_its_cycle_time() -> None:
    view = project(History(expected_close_date=date(2026, 3, 5)).win(10).facts)
    assert view.won and view.closed_late
    assert view.cycle_seconds == 10 * 86400


def test_only_later_close_dates_count_as_slips() -> None:
    view = project(History().close_date(1, date(2026, 5, 1)).close_date(1, date(2026, 4, 20)).facts)
    assert [c.slipped for c in view.close_date_changes] == [True, False]


def test_a_payload_the_consumer_already_validated_gives_the_same_model() -> None:
    facts = (
        History().move(1, "validate").close_date(1, date(2026, 5, 1)).reassign_by_edit(2, "u-2").win(4).facts
    )
    parsed = [dataclasses.replace(f, parsed=EVENT_TYPES[f.type].model.model_validate(f.data)) for f in facts]
    assert project(parsed) == project(facts)


def test_a_loss_keeps_its_reason_key_words_stage_and_owner_until_reopened() -> None:
    view = project(History().move(1, "validate").reassign_by_edit(1, "u-2").lose(2, "Price", "price").facts)
    assert view.loss is not None
    assert (view.loss.reason_key, view.loss.reason_text, view.loss.stage_key, view.loss.owner_id) == (
        "price", None, "validate", "u-2"
    )  # fmt: skip


def test_a_loss_from_before_the_list_counts_as_other_with_its_words() -> None:
    view = project(History().lose(2, "Chose a cheaper vendor").facts)
    assert view.loss is not None
    assert (view.loss.reason_key, view.loss.reason_text) == ("other", "Chose a cheaper vendor")

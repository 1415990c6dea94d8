"""The one evidence rule: every gated stage passed on the way must have its evidence."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from services.opportunity.domain.evidence import (
    Activity,
    ActivityKind,
    EvidenceError,
    EvidenceRequirement,
    new_activity,
)
from services.opportunity.domain.pipeline import default_pipeline, retire_stage
from services.opportunity.domain.stage_gates import require_evidence_on_the_way, stages_to_prove

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
PIPELINE = default_pipeline(NOW)
SAMPLE = EvidenceRequirement(ActivityKind.SAMPLE_SENT, any_of=("tracking_number", "photo"))
QUOTE = EvidenceRequirement(ActivityKind.QUOTE)
RULES = {"value_proposition": [SAMPLE], "proposal": [QUOTE]}


def keys(from_key: str | None, to_key: str) -> list[str]:
    return [s.key for s in stages_to_prove(PIPELINE, from_key, to_key)]


def sample_in(stage: str) -> Activity:
    return new_activity(
        activity_id="a1", opportunity_id="o1", kind=ActivityKind.SAMPLE_SENT, stage_key=stage, text="",
        occurred_at=None, details={"courier": "DHL", "tracking_number": "TW1"}, by="u1", now=NOW,
    )  # fmt: skip


def test_a_jump_passes_every_stage_between_and_the_one_it_leaves():
    assert keys("needs_analysis", "decision_makers") == ["needs_analysis", "value_proposition"]


def test_winning_passes_every_open_stage_after_the_current_one():
    assert keys("decision_makers", "won") == [
        "decision_makers", "perception_analysis", "proposal", "negotiation"
    ]  # fmt: skip


def test_moving_back_or_losing_passes_nothing():
    assert keys("proposal", "needs_analysis") == []
    assert keys("needs_analysis", "lost") == []


def test_a_new_deal_passes_every_open_stage_before_its_first():
    assert keys(None, "discover") == []
    assert keys(None, "value_proposition") == ["discover", "validate", "needs_analysis"]


def test_a_retired_stage_between_is_no_longer_passed():
    pipeline = retire_stage(PIPELINE, "value_proposition", NOW)
    assert [s.key for s in stages_to_prove(pipeline, "needs_analysis", "perception_analysis")] == [
        "needs_analysis", "decision_makers"
    ]  # fmt: skip


def test_jumping_over_a_gated_stage_is_refused_naming_it_and_the_missing_fields():
    with pytest.raises(EvidenceError) as err:
        require_evidence_on_the_way(PIPELINE, "needs_analysis", "decision_makers", RULES, [])
    details = err.value.details or {}
    assert err.value.code == "EVIDENCE_REQUIRED"
    assert details["stageKey"] == "value_proposition"
    assert details["missingFields"] == ["photo", "trackingNumber"]
    assert "Value proposition" in err.value.message


def test_evidence_logged_against_the_jumped_stage_lets_the_deal_through():
    require_evidence_on_the_way(
        PIPELINE, "needs_analysis", "decision_makers", RULES, [sample_in("value_proposition")]
    )


def test_winning_lists_every_stage_short_of_evidence():
    with pytest.raises(EvidenceError) as err:
        require_evidence_on_the_way(PIPELINE, "validate", "won", RULES, [])
    details = err.value.details or {}
    assert details["stageKey"] == "value_proposition"
    assert [s["stageKey"] for s in details["stages"]] == ["value_proposition", "proposal"]
    assert details["stages"][1]["missing"] == [
        {"kind": "QUOTE", "anyOf": [], "description": "a quote activity"}
    ]


def test_starting_a_deal_past_a_gated_stage_is_refused():
    with pytest.raises(EvidenceError) as err:
        require_evidence_on_the_way(PIPELINE, None, "perception_analysis", RULES, [])
    assert (err.value.details or {})["stageKey"] == "value_proposition"
    require_evidence_on_the_way(PIPELINE, None, "value_proposition", RULES, [])


def test_a_rule_on_a_stage_not_passed_is_not_asked():
    rules = {"negotiation": [replace(QUOTE)]}
    require_evidence_on_the_way(PIPELINE, "discover", "proposal", rules, [])

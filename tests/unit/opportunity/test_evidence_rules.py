from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from services.opportunity.domain.evidence import (
    Activity,
    ActivityKind,
    EvidenceError,
    EvidenceRequirement,
    check_requirements,
    field_from_api,
    missing_evidence,
    new_activity,
    revise,
)

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
SAMPLE_RULE = EvidenceRequirement(ActivityKind.SAMPLE_SENT, any_of=("tracking_number", "attachment"))


def activity(kind=ActivityKind.NOTE, stage="sample", details=None, **kw) -> Activity:
    return new_activity(
        activity_id="a1", opportunity_id="o1", kind=kind, stage_key=stage, text=kw.pop("text", "hello"),
        occurred_at=kw.pop("occurred_at", None), details=details or {}, by="u1", now=NOW,
    )  # fmt: skip


def test_a_sample_needs_a_courier_and_may_carry_a_tracking_number():
    a = activity(ActivityKind.SAMPLE_SENT, details={"courier": "黑貓宅急便", "tracking_number": "9001"})
    assert a.current.details == {"courier": "黑貓宅急便", "tracking_number": "9001"}
    with pytest.raises(EvidenceError) as err:
        activity(ActivityKind.SAMPLE_SENT, details={"tracking_number": "9001"})
    assert (err.value.details or {})["missing"] == ["courier"]


def test_a_missing_field_is_named_as_the_api_names_it():
    with pytest.raises(EvidenceError) as err:
        activity(ActivityKind.QUOTE, details={"amount": "1", "currency": "TWD"})
    assert (err.value.details or {})["missing"] == ["validUntil"]
    assert "validUntil" in err.value.message


def test_a_quote_needs_amount_currency_and_validity_with_a_decimal_amount():
    a = activity(
        ActivityKind.QUOTE,
        details={"amount": "125000.50", "currency": "twd", "valid_until": date(2026, 6, 1)},
    )
    assert a.current.details["amount"] == Decimal("125000.50")
    assert a.current.details["currency"] == "TWD"
    with pytest.raises(EvidenceError):
        activity(
            ActivityKind.QUOTE, details={"amount": "-1", "currency": "TWD", "valid_until": date(2026, 6, 1)}
        )


def test_fields_of_another_kind_are_refused():
    with pytest.raises(EvidenceError) as err:
        activity(ActivityKind.NOTE, details={"courier": "DHL"})
    assert (err.value.details or {})["field"] == "courier"


def test_when_it_happened_defaults_to_the_server_clock_and_may_not_be_in_the_future():
    assert activity().occurred_at == NOW
    with pytest.raises(EvidenceError):
        activity(occurred_at=NOW + timedelta(hours=1))


def test_a_correction_is_a_new_revision_and_the_earlier_one_stays():
    first = activity(ActivityKind.CALL, text="called, no answer")
    later = NOW + timedelta(hours=2)
    second = revise(
        first, text="called, spoke to buyer", occurred_at=None, details=None, stage_key=None,
        reason="typo", by="u2", now=later,
    )  # fmt: skip
    assert [r.text for r in second.revisions] == ["called, no answer", "called, spoke to buyer"]
    assert second.current.recorded_at == later
    assert second.current.recorded_by == "u2"
    assert second.current.occurred_at == first.occurred_at
    assert first.revisions == second.revisions[:1]


def test_a_sample_with_a_photo_and_no_tracking_number_is_enough():
    sent = activity(ActivityKind.SAMPLE_SENT, details={"courier": "hand delivered"})
    assert missing_evidence([SAMPLE_RULE], "sample", [sent]) == [SAMPLE_RULE]
    with_photo = Activity(sent.id, sent.opportunity_id, sent.kind, sent.revisions, attachment_ids=("f1",))
    assert missing_evidence([SAMPLE_RULE], "sample", [with_photo]) == []


def test_evidence_logged_in_another_stage_does_not_count():
    sent = activity(
        ActivityKind.SAMPLE_SENT, stage="quote", details={"courier": "DHL", "tracking_number": "1"}
    )
    assert missing_evidence([SAMPLE_RULE], "sample", [sent]) == [SAMPLE_RULE]


def test_a_requirement_may_only_name_fields_the_kind_has():
    with pytest.raises(EvidenceError):
        check_requirements([EvidenceRequirement(ActivityKind.CALL, any_of=("tracking_number",))])
    assert check_requirements([SAMPLE_RULE]) == (SAMPLE_RULE,)


def test_a_requirement_accepts_either_spelling_of_a_field_and_keeps_one():
    api_spelling = EvidenceRequirement(ActivityKind.SAMPLE_SENT, any_of=("trackingNumber", "attachment"))
    assert check_requirements([api_spelling]) == (SAMPLE_RULE,)
    assert field_from_api("validUntil") == "valid_until" and field_from_api("valid_until") == "valid_until"
    with pytest.raises(EvidenceError) as err:
        check_requirements([EvidenceRequirement(ActivityKind.CALL, any_of=("trackingNumber",))])
    assert "durationMinutes" in (err.value.details or {})["allowed"]


def test_a_requirement_for_a_photo_is_met_by_an_attached_image_and_not_by_a_pdf():
    rule = EvidenceRequirement(ActivityKind.SAMPLE_SENT, any_of=("tracking_number", "photo"))
    sent = activity(ActivityKind.SAMPLE_SENT, details={"courier": "hand delivered"})
    with_pdf = Activity(
        sent.id, sent.opportunity_id, sent.kind, sent.revisions, ("f1",), ("application/pdf",)
    )
    with_photo = Activity(sent.id, sent.opportunity_id, sent.kind, sent.revisions, ("f1",), ("image/jpeg",))
    assert missing_evidence([rule], "sample", [with_pdf]) == [rule]
    assert missing_evidence([rule], "sample", [with_photo]) == []
    assert rule.describe() == "a sample sent activity with a tracking number or a photo"

"""The list of lost reasons a pipeline keeps, and losing a deal for one of them."""

from datetime import UTC, datetime, timedelta

import pytest

from services.opportunity.domain.errors import InvalidInput, LostReasonRequired
from services.opportunity.domain.lost_reasons import (
    OTHER,
    LostReason,
    LostReasonNotFound,
    LostReasonRetired,
    add_reason,
    check_lost_reason,
    rename_reason,
    retire_reason,
)
from services.opportunity.domain.pipeline import default_pipeline

T0 = datetime(2026, 5, 1, tzinfo=UTC)
PIPELINE = default_pipeline(T0)


def test_a_pipeline_starts_with_a_list_that_ends_with_other():
    assert [r.key for r in PIPELINE.lost_reasons][-1] == OTHER
    assert "price" in [r.key for r in PIPELINE.lost_reasons]


def test_an_admin_adds_renames_and_retires_reasons_and_each_change_is_a_version():
    later = T0 + timedelta(hours=1)
    added = add_reason(PIPELINE, LostReason("spec_mismatch", "規格不符", "Spec mismatch"), later)
    assert added.lost_reasons[-1].key == "spec_mismatch" and added.version == PIPELINE.version + 1
    renamed = rename_reason(added, "spec_mismatch", later, name_en="Specification mismatch")
    assert renamed.lost_reasons[-1].name_en == "Specification mismatch"
    retired = retire_reason(renamed, "spec_mismatch", later)
    assert retired.lost_reasons[-1].retired and retired.version == PIPELINE.version + 3


def test_keys_are_never_reused_and_other_is_never_retired():
    with pytest.raises(InvalidInput):
        add_reason(PIPELINE, LostReason("price", "價", "Price again"), T0)
    with pytest.raises(InvalidInput):
        add_reason(PIPELINE, LostReason("Bad Key", "壞", "Bad"), T0)
    with pytest.raises(InvalidInput):
        retire_reason(PIPELINE, OTHER, T0)
    with pytest.raises(LostReasonNotFound):
        rename_reason(PIPELINE, "weather", T0, name_en="Weather")


def test_losing_takes_a_listed_key_and_other_needs_words():
    assert check_lost_reason(PIPELINE, "price", None) == ("price", None)
    assert check_lost_reason(PIPELINE, " other ", " went in-house ") == (OTHER, "went in-house")
    with pytest.raises(LostReasonRequired) as missing:
        check_lost_reason(PIPELINE, None, "cheaper elsewhere")
    assert (missing.value.details or {})["field"] == "lostReasonKey"
    with pytest.raises(LostReasonRequired) as wordless:
        check_lost_reason(PIPELINE, OTHER, "  ")
    assert (wordless.value.details or {})["field"] == "lostReason"
    with pytest.raises(LostReasonNotFound):
        check_lost_reason(PIPELINE, "weather", None)
    with pytest.raises(LostReasonRetired):
        check_lost_reason(retire_reason(PIPELINE, "timing", T0), "timing", None)

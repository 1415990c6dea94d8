"""An opportunity read for a list that shows none of its histories."""

from __future__ import annotations

from dataclasses import replace

from services.opportunity.adapters.documents import doc_to_opportunity, opportunity_to_doc
from tests.unit.opportunity._factories import opportunity


def test_an_opportunity_mapped_without_its_histories_differs_only_in_them() -> None:
    whole = opportunity()
    assert whole.stage_history and whole.close_date_history  # there is something to leave out
    light = doc_to_opportunity(opportunity_to_doc(whole), histories=False)
    assert light == replace(whole, stage_history=(), close_date_history=(), probability_history=())
    assert doc_to_opportunity(opportunity_to_doc(whole)) == whole

"""The light projection of an opportunity names every field but the histories."""

from __future__ import annotations

from dataclasses import replace

from services.opportunity.adapters.documents import (
    HISTORIES,
    WITHOUT_HISTORIES,
    doc_to_opportunity,
    opportunity_to_doc,
)
from tests.unit.opportunity._factories import opportunity


def test_the_light_projection_reads_every_field_the_document_has_but_the_histories() -> None:
    written = set(opportunity_to_doc(opportunity())) - {"_id"}
    assert set(WITHOUT_HISTORIES) == written - set(HISTORIES)


def test_an_opportunity_read_without_its_histories_differs_only_in_them() -> None:
    whole = opportunity()
    doc = opportunity_to_doc(whole)
    light = doc_to_opportunity({k: v for k, v in doc.items() if k == "_id" or k in WITHOUT_HISTORIES})
    assert light.stage_history == light.close_date_history == light.probability_history == ()
    assert whole.stage_history  # the factory's opportunity has a history to leave out
    assert light == replace(whole, stage_history=(), close_date_history=(), probability_history=())

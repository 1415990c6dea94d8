"""Small builders for domain tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from services.opportunity.domain.edits import NewOpportunity, create
from services.opportunity.domain.money import Money
from services.opportunity.domain.opportunity import Opportunity
from services.opportunity.domain.pipeline import Pipeline, default_pipeline

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def pipeline() -> Pipeline:
    return default_pipeline(T0)


def opportunity(pipe: Pipeline | None = None, **overrides: object) -> Opportunity:
    data = NewOpportunity(
        title="ERP upgrade", customer_name="台積電", value=Money.of("125000.00", "TWD"),
        expected_close_date=date(2026, 12, 31), owner_id="rep-1",
    )  # fmt: skip
    for name, value in overrides.items():
        object.__setattr__(data, name, value)
    return create(data, id="opp-1", pipeline=pipe or pipeline(), team="north", by="rep-1", now=T0)

"""The committed schemas and AsyncAPI document must match the models they are generated from."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import jsonschema
import pytest
import yaml

from contracts import EVENT_TYPES, new_event, parse_event
from contracts.events._base import Actor, Money, OpportunityStatus, StageKind
from contracts.events.opportunity import OpportunityLost, OpportunitySnapshot, StageRef
from contracts.generate import ASYNCAPI_PATH, SCHEMA_DIR, render_asyncapi, render_schema


@pytest.mark.parametrize("event_type", sorted(EVENT_TYPES))
def test_committed_schema_matches_model(event_type: str) -> None:
    committed = SCHEMA_DIR / f"{event_type}.json"
    assert committed.exists(), f"{committed} missing: run `make schemas`"
    assert committed.read_text(encoding="utf-8") == render_schema(event_type), (
        f"{committed.name} is out of date: run `make schemas` and commit the result"
    )


def test_no_schema_file_without_an_event_type() -> None:
    assert {p.stem for p in SCHEMA_DIR.glob("*.json")} == set(EVENT_TYPES)


def test_committed_asyncapi_matches_registry() -> None:
    assert ASYNCAPI_PATH.read_text(encoding="utf-8") == render_asyncapi()
    doc = yaml.safe_load(ASYNCAPI_PATH.read_text(encoding="utf-8"))
    addresses = {channel["address"] for channel in doc["channels"].values()}
    assert addresses == set(EVENT_TYPES)


def _snapshot() -> OpportunitySnapshot:
    now = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
    return OpportunitySnapshot(
        id="opp-1", title="ERP upgrade", customer_name="台積電", is_new_customer=True,
        products=["ERP"], is_new_product=False, owner_id="u-1", team="north",
        pipeline_id="p-1", stage=StageRef(key="lost", kind=StageKind.LOST),
        stage_entered_at=now, status=OpportunityStatus.LOST, probability=0,
        value=Money(amount=Decimal("125000.50"), currency="TWD"),
        expected_close_date=date(2026, 12, 31), difficulty=Decimal("1.5"),
        created_at=now, updated_at=now, version=7,
    )  # fmt: skip


def test_an_event_validates_against_its_committed_schema_and_round_trips() -> None:
    snapshot = _snapshot()
    data = OpportunityLost(
        opportunity=snapshot, by=Actor(user_id="u-2"), from_stage=StageRef(key="quote", kind=StageKind.OPEN),
        to_stage=snapshot.stage, moved_at=snapshot.updated_at, seconds_in_previous_stage=3600,
        probability=0, reason="price",
    )  # fmt: skip
    event = new_event(type="opportunity.lost", source="/opportunity", subject="opp-1", sequence=7, data=data)
    body = event.model_dump_json()
    schema = json.loads((SCHEMA_DIR / "opportunity.lost.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(body), schema)

    envelope, payload = parse_event(body)
    assert envelope.sequence == 7 and envelope.subject == "opp-1"
    assert isinstance(payload, OpportunityLost)
    assert payload.opportunity.value.amount == Decimal("125000.50")
    assert json.loads(body)["data"]["opportunity"]["value"]["amount"] == "125000.50"


def test_schema_rejects_a_float_amount_and_a_missing_reason() -> None:
    schema = json.loads((SCHEMA_DIR / "opportunity.lost.json").read_text(encoding="utf-8"))
    snapshot = json.loads(_snapshot().model_dump_json())
    event: dict[str, Any] = {
        "specversion": "1.0", "id": "e1", "source": "/opportunity", "type": "opportunity.lost",
        "subject": "opp-1", "time": "2026-11-01T09:30:00Z", "sequence": 7,
        "data": {"opportunity": snapshot, "by": {}, "from_stage": {"key": "a", "kind": "OPEN"},
                 "to_stage": {"key": "lost", "kind": "LOST"}, "moved_at": "2026-11-01T09:30:00Z",
                 "seconds_in_previous_stage": 1, "probability": 0},
    }  # fmt: skip
    with pytest.raises(jsonschema.ValidationError, match="reason"):
        jsonschema.validate(event, schema)
    event["data"]["reason"] = "price"
    jsonschema.validate(event, schema)
    snapshot["value"]["amount"] = 125000.5
    with pytest.raises(jsonschema.ValidationError, match="is not of type 'string'"):
        jsonschema.validate(event, schema)

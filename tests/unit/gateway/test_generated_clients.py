"""The typed service clients are generated from what is committed now: each service's SDL and
the gateway's operations. A change to either without regenerating fails here."""

from __future__ import annotations

import pytest
from graphql import build_schema, parse, validate

from gateway.adapters.clients import codegen


@pytest.mark.parametrize("service", codegen.SERVICES)
def test_the_generated_client_is_up_to_date(service):
    assert codegen.recorded_digest(service) == codegen.inputs_digest(service), (
        "run `python -m gateway.adapters.clients.codegen` (make clients)"
    )


@pytest.mark.parametrize("service", codegen.SERVICES)
def test_every_operation_is_valid_for_the_service(service):
    schema = build_schema(codegen.schema_path(service).read_text(encoding="utf-8"))
    errors = validate(schema, parse(codegen.operations_path(service).read_text(encoding="utf-8")))
    assert [e.message for e in errors] == []


def test_a_changed_operation_makes_the_client_stale(tmp_path, monkeypatch):
    original = codegen.operations_path("notifications").read_text(encoding="utf-8")
    changed = tmp_path / "notifications.graphql"
    changed.write_text(original.replace("occurrence", ""), encoding="utf-8")
    monkeypatch.setattr(codegen, "operations_path", lambda service: changed)
    assert "notifications" in codegen.stale()

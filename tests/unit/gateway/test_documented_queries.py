"""Every query in docs/api-queries.md and README.md is valid against the gateway's schema."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import parse, validate

from gateway.api.schema import build_schema

ROOT = Path(__file__).resolve().parents[3]
DOC = ROOT / "docs" / "api-queries.md"
BLOCKS = [
    block
    for path in (DOC, ROOT / "README.md")
    for block in re.findall(r"```graphql\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)
]


def test_the_document_has_queries():
    assert len(BLOCKS) >= 5


@pytest.mark.parametrize("block", BLOCKS, ids=[b.split("{")[0].strip() or "anonymous" for b in BLOCKS])
def test_each_documented_query_is_valid(block):
    schema = build_schema()._schema
    errors = validate(schema, parse(block))
    assert not errors, [e.message for e in errors]

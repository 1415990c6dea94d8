"""The limits count what a request asks for, not how it is written: a page size left to its
default costs what it costs when written out, and a text is as long in ``\\u``-escaped JSON as in
UTF-8 JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.integration.gateway._system import ADMIN, System, running_system

# 1 + 50 × (nodes, id, title, owner + 1 + 20 × (nodes, id, title, date, stage + key + nameEn)) = 7,251,
# over the default budget of 5,000 whether the page sizes are written or left to their defaults.
NESTED_BY_DEFAULT = """{ opportunities { nodes { id title owner {
  opportunities { nodes { id title expectedCloseDate stage { key nameEn } } } } } } }"""
NESTED_WRITTEN_OUT = """{ opportunities(first: 50) { nodes { id title owner {
  opportunities(first: 20) { nodes { id title expectedCloseDate stage { key nameEn } } } } } } }"""
SMALL_BY_DEFAULT = "{ opportunities { totalCount nodes { id title owner { name } } } }"

LOG = "mutation($i: LogActivityInput!) { logActivity(input: $i) { id current { text } } }"
ACTIVITIES = "query($id: ID!) { activities(opportunityId: $id) { id } }"
# Ten thousand Chinese characters: a long visit report, the longest text an activity takes.
LONG_NOTE = ("拜訪客戶確認樣品規格與交期，對方希望下週前報價。" * 500)[:10_000]


@pytest.fixture(scope="module")
async def system(mongodb_url, amqp_url):
    async with running_system(mongodb_url, amqp_url) as system:
        yield system


@pytest.fixture(scope="module")
async def deal(system: System) -> str:
    rep = await system.data(
        ADMIN,
        "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
        {"i": {"name": "Limits Rep", "email": "limits-rep@example.com", "role": "REP", "team": "north"}},
    )
    created = await system.data(
        ADMIN,
        "mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }",
        {"i": {"title": "Limits deal", "customerName": "Limits Ltd", "amount": "1000.00", "currency": "TWD",
               "expectedCloseDate": "2030-01-15", "ownerId": rep["createUser"]["id"]}},
    )  # fmt: skip
    deal_id: str = created["createOpportunity"]["id"]
    return deal_id


def codes(body: dict[str, Any]) -> list[str]:
    return [e["extensions"]["code"] for e in body.get("errors") or []]


async def post_json(system: System, payload: dict[str, Any], *, ascii_only: bool) -> dict[str, Any]:
    """The payload as one client or another writes it: every non-ASCII character escaped as
    ``\\uXXXX`` (Python's and many clients' default), or as UTF-8."""
    response = await system.http.post(
        "/graphql",
        content=json.dumps(payload, ensure_ascii=ascii_only).encode(),
        headers={"authorization": f"Bearer {system.token(ADMIN)}", "content-type": "application/json"},
    )
    body: dict[str, Any] = response.json()
    return body


async def test_a_query_relying_on_default_page_sizes_costs_what_it_costs_written_out(system, deal):
    by_default = await system.ask(ADMIN, NESTED_BY_DEFAULT)
    written_out = await system.ask(ADMIN, NESTED_WRITTEN_OUT)
    assert codes(by_default) == codes(written_out) == ["QUERY_TOO_COSTLY"]
    assert by_default["data"] is None


async def test_a_small_query_relying_on_default_page_sizes_is_served(system, deal):
    data = await system.data(ADMIN, SMALL_BY_DEFAULT)
    assert deal in {node["id"] for node in data["opportunities"]["nodes"]}


@pytest.mark.parametrize("ascii_only", [True, False], ids=["escaped JSON", "UTF-8 JSON"])
async def test_a_long_chinese_note_is_taken_however_its_json_is_escaped(system, deal, ascii_only):
    payload = {"query": LOG, "variables": {"i": {"opportunityId": deal, "kind": "NOTE", "text": LONG_NOTE}}}
    assert len(json.dumps(payload, ensure_ascii=True)) > 60_000  # six bytes a character when escaped

    body = await post_json(system, payload, ascii_only=ascii_only)

    assert not body.get("errors"), body.get("errors")
    assert body["data"]["logActivity"]["current"]["text"] == LONG_NOTE


@pytest.mark.parametrize("ascii_only", [True, False], ids=["escaped JSON", "UTF-8 JSON"])
async def test_a_text_one_character_too_long_is_refused_and_nothing_is_logged(system, deal, ascii_only):
    before = await system.data(ADMIN, ACTIVITIES, {"id": deal})
    payload = {
        "query": LOG,
        "variables": {"i": {"opportunityId": deal, "kind": "NOTE", "text": LONG_NOTE + "。"}},
    }

    body = await post_json(system, payload, ascii_only=ascii_only)

    assert codes(body) == ["STRING_TOO_LONG"]
    assert body["errors"][0]["extensions"]["details"] == {"field": "i.text"}
    assert await system.data(ADMIN, ACTIVITIES, {"id": deal}) == before


async def test_a_text_too_long_written_in_the_query_itself_is_refused(system, deal):
    text = "長" * 10_001
    query = f'mutation {{ logActivity(input: {{ opportunityId: "{deal}", kind: NOTE, text: "{text}" }}) {{ id }} }}'
    body = await post_json(system, {"query": query}, ascii_only=True)
    assert codes(body) == ["STRING_TOO_LONG"]

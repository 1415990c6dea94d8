"""The product catalogue through the gateway: administrators keep it, everyone signed in reads it
with filters, search (Chinese too) and cursor pages; bad input changes nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from servicekit.identity import Identity
from tests.integration.gateway._system import ADMIN, System, running_system

PRODUCT = "id code nameZh nameEn productLine listPrice { amount currency } launchDate active version"
CREATE = f"mutation($i: ProductInput!) {{ createProduct(input: $i) {{ {PRODUCT} }} }}"
UPDATE = f"mutation($id: ID!, $v: Int!, $i: ProductInput!) {{ updateProduct(id: $id, expectedVersion: $v, input: $i) {{ {PRODUCT} }} }}"
LIST = f"""query($f: ProductFilter, $first: Int!, $after: String) {{ products(filter: $f, first: $first, after: $after) {{
  nodes {{ {PRODUCT} }} pageInfo {{ hasNextPage endCursor }} totalCount }} }}"""
REP = Identity(user_id="rep-gw", role="REP", team="north", name="Rep")

CATALOGUE = [
    ("VX-100", "控制閥", "Control valve", "Valves", "12500.00", "TWD"),
    ("VX-200", "安全閥", "Safety valve", "Valves", "18000.00", "TWD"),
    ("PM-10", "離心泵", "Centrifugal pump", "Pumps", "900.00", "USD"),
    ("PM-20", "隔膜泵", "Diaphragm pump", "Pumps", "1200.00", "USD"),
    ("SN-1", "壓力感測器", "Pressure sensor", "Sensors", "3500.00", "TWD"),
]


@pytest.fixture
async def system(mongodb_url: str, amqp_url: str) -> AsyncIterator[System]:
    async with running_system(mongodb_url, amqp_url) as system:
        for code, zh, en, line, price, currency in CATALOGUE:
            await system.data(ADMIN, CREATE, {"i": {"code": code, "nameZh": zh, "nameEn": en, "productLine": line,
                                                    "listPrice": price, "currency": currency}})  # fmt: skip
        yield system


async def listed(system: System, who: Identity, filter: dict[str, Any], first: int = 50) -> list[str]:
    data = await system.data(who, LIST, {"f": filter, "first": first})
    return [p["code"] for p in data["products"]["nodes"]]


async def test_a_rep_reads_the_catalogue_by_line_by_search_and_by_state(system: System) -> None:
    assert await listed(system, REP, {"productLine": "Pumps"}) == ["PM-10", "PM-20"]
    assert await listed(system, REP, {"search": "閥"}) == ["VX-100", "VX-200"]
    assert await listed(system, REP, {"search": "valve safety"}) == ["VX-200"]
    assert await listed(system, REP, {"search": "pm-10"}) == ["PM-10"]
    [sensor] = (await system.data(REP, LIST, {"f": {"search": "感測"}, "first": 5}))["products"]["nodes"]
    made_inactive = await system.data(ADMIN, UPDATE, {"id": sensor["id"], "v": 1, "i": {"active": False}})
    assert made_inactive["updateProduct"]["active"] is False
    assert await listed(system, REP, {"active": True}) == ["PM-10", "PM-20", "VX-100", "VX-200"]
    assert await listed(system, REP, {"active": False}) == ["SN-1"]


async def test_cursor_pages_walk_the_whole_catalogue_once(system: System) -> None:
    seen: list[str] = []
    after = None
    while True:
        page = (await system.data(REP, LIST, {"f": None, "first": 2, "after": after}))["products"]
        assert page["totalCount"] == len(CATALOGUE)
        seen += [p["code"] for p in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == sorted(c[0] for c in CATALOGUE)


async def test_only_an_admin_keeps_the_catalogue_and_bad_input_changes_nothing(system: System) -> None:
    new = {"code": "NEW-1", "nameEn": "New", "productLine": "Valves", "listPrice": "1.00", "currency": "TWD"}
    refused = await system.ask(REP, CREATE, {"i": new})
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    bad_currency = await system.ask(ADMIN, CREATE, {"i": {**new, "currency": "NTD"}})
    assert bad_currency["errors"][0]["extensions"]["code"] == "UNKNOWN_CURRENCY"
    [valve] = (await system.data(REP, LIST, {"f": {"search": "VX-100"}, "first": 5}))["products"]["nodes"]
    bad_update = await system.ask(
        ADMIN, UPDATE, {"id": valve["id"], "v": 1, "i": {"currency": "XYZ", "active": False}}
    )
    assert bad_update["errors"][0]["extensions"]["code"] == "UNKNOWN_CURRENCY"
    assert await listed(system, REP, {}) == sorted(c[0] for c in CATALOGUE)
    [unchanged] = (await system.data(REP, LIST, {"f": {"search": "VX-100"}, "first": 5}))["products"]["nodes"]
    assert unchanged == valve

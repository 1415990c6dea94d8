"""The product catalogue through the opportunity API: kept by administrators, each change an
event, bad input refused with nothing written."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.integration.opportunity._graphql import ADMIN, REP_1, Api, GraphQLFailure, running_api

PRODUCT = "id code nameZh nameEn productLine listPrice { amount currency } launchDate active version"
CREATE = f"mutation($i: ProductInput!) {{ createProduct(input: $i) {{ {PRODUCT} }} }}"
UPDATE = f"mutation($id: ID!, $v: Int!, $i: ProductInput!) {{ updateProduct(id: $id, expectedVersion: $v, input: $i) {{ {PRODUCT} }} }}"
VALVE = {"code": "vx-100", "nameZh": "控制閥", "nameEn": "Control valve", "productLine": "Valves",
         "listPrice": "12500.00", "currency": "twd", "launchDate": "2026-03-01"}  # fmt: skip


@pytest.fixture
async def api(mongodb_url: str) -> AsyncIterator[Api]:
    async with running_api(mongodb_url) as api:
        yield api


async def create(api: Api, **fields: Any) -> dict[str, Any]:
    product: dict[str, Any] = (await api.call(CREATE, {"i": {**VALVE, **fields}}, as_=ADMIN))["createProduct"]
    return product


async def test_an_admin_adds_a_product_and_its_event_carries_it(api: Api) -> None:
    product = await create(api)
    assert product["code"] == "VX-100" and product["listPrice"] == {"amount": "12500.00", "currency": "TWD"}
    assert product["active"] is True and product["version"] == 1
    [row] = await api.outbox(product["id"])
    assert row["envelope"]["type"] == "product.created"
    assert row["envelope"]["data"]["product"]["product_line"] == "Valves"


async def test_a_product_made_inactive_is_an_update_event(api: Api) -> None:
    product = await create(api)
    changed = await api.call(UPDATE, {"id": product["id"], "v": 1, "i": {"active": False}}, as_=ADMIN)
    assert changed["updateProduct"]["active"] is False and changed["updateProduct"]["version"] == 2
    rows = await api.outbox(product["id"])
    assert [r["envelope"]["type"] for r in rows] == ["product.created", "product.updated"]
    assert rows[-1]["envelope"]["data"]["product"]["active"] is False


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"currency": "TWX"}, "UNKNOWN_CURRENCY", "currency"),
        ({"listPrice": "-1"}, "BAD_USER_INPUT", "listPrice"),
        ({"code": "閥 1"}, "BAD_USER_INPUT", "code"),
        ({"nameZh": "", "nameEn": " "}, "BAD_USER_INPUT", "nameZh"),
        ({"productLine": ""}, "BAD_USER_INPUT", "productLine"),
    ],
)
async def test_bad_input_is_refused_and_nothing_is_written(
    api: Api, fields: dict[str, Any], code: str, field: str
) -> None:
    with pytest.raises(GraphQLFailure) as refused:
        await create(api, **fields)
    assert refused.value.code == code and refused.value.details["field"] == field
    assert await api.db["products"].count_documents({}) == 0
    assert not [r for r in await api.outbox() if r["type"].startswith("product.")]


async def test_a_rep_cannot_keep_the_catalogue_and_a_code_is_unique(api: Api) -> None:
    with pytest.raises(GraphQLFailure) as refused:
        await api.call(CREATE, {"i": VALVE}, as_=REP_1)
    assert refused.value.code == "FORBIDDEN"
    await create(api)
    with pytest.raises(GraphQLFailure) as duplicate:
        await create(api, code="VX-100", nameEn="Another")
    assert duplicate.value.code == "ALREADY_EXISTS"
    assert await api.db["products"].count_documents({}) == 1


async def test_the_line_items_travel_on_the_opportunity_event(api: Api) -> None:
    product = await create(api)
    deal = await api.create(amount="1.00")
    query = "mutation($i: SetLineItemsInput!) { setLineItems(input: $i) { version value { amount } } }"
    lines = [{"productId": product["id"], "quantity": "3", "discountPercent": "5"}]
    await api.call(
        query, {"i": {"id": deal["id"], "expectedVersion": deal["version"], "lineItems": lines}}, as_=REP_1
    )
    event = (await api.outbox(deal["id"]))[-1]["envelope"]
    assert event["type"] == "opportunity.updated"
    [line] = event["data"]["opportunity"]["line_items"]
    assert line["product_code"] == "VX-100" and line["product_line"] == "Valves"
    assert line["total"] == {"amount": "35625.00", "currency": "TWD"}
    assert event["data"]["opportunity"]["value"]["amount"] == "35625.00"
    changed = {c["field"]: c for c in event["data"]["changes"]}
    assert changed["lineItems"]["before"] == [] and changed["lineItems"]["after"][0]["quantity"] == "3"
    assert changed["amount"]["before"]["amount"] == "1.00"

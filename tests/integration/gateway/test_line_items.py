"""A deal's line items through the gateway: catalogue products, quantities, prices and discounts
whose sum is the deal's amount; bad lines refused with a clear code and the deal unchanged."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from servicekit.identity import Identity
from tests.integration.gateway._system import ADMIN, System, running_system

CREATE_PRODUCT = "mutation($i: ProductInput!) { createProduct(input: $i) { id code } }"
CREATE_USER = "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }"
DEAL = """id version value { amount currency } lineItems { productId productCode productLine quantity
  unitPrice { amount currency } discountPercent total { amount currency } }"""
CREATE = f"mutation($i: CreateOpportunityInput!) {{ createOpportunity(input: $i) {{ {DEAL} }} }}"
SET_LINES = f"mutation($i: SetLineItemsInput!) {{ setLineItems(input: $i) {{ {DEAL} }} }}"
UPDATE = f"mutation($i: UpdateOpportunityInput!) {{ updateOpportunity(input: $i) {{ {DEAL} }} }}"
BOARD = "{ opportunities(first: 10) { nodes { title lineItems { productCode total { amount } } } } }"
GET = f"query($id: ID!) {{ opportunity(id: $id) {{ {DEAL} }} }}"


@dataclass
class World:
    system: System
    ann: Identity
    cai: Identity
    products: dict[str, str]

    async def deal(self) -> dict[str, Any]:
        payload = {"title": "Plant retrofit", "customerName": "x", "amount": "1000.00", "currency": "TWD",
                   "expectedCloseDate": "2030-01-15"}  # fmt: skip
        deal: dict[str, Any] = (await self.system.data(self.ann, CREATE, {"i": payload}))["createOpportunity"]
        return deal

    async def set_lines(
        self, deal: dict[str, Any], lines: list[dict[str, Any]], who: Identity | None = None, **extra: Any
    ) -> dict[str, Any]:
        variables = {"i": {"id": deal["id"], "expectedVersion": deal["version"], "lineItems": lines, **extra}}
        return await self.system.ask(who or self.ann, SET_LINES, variables)


async def _user(system: System, name: str, team: str) -> Identity:
    created = await system.data(
        ADMIN, CREATE_USER, {"i": {"name": name, "email": f"{name}@example.com", "role": "REP", "team": team}}
    )
    return Identity(user_id=created["createUser"]["id"], role="REP", team=team, name=name)


@pytest.fixture
async def world(mongodb_url: str, amqp_url: str) -> AsyncIterator[World]:
    async with running_system(mongodb_url, amqp_url) as system:
        products = {}
        for code, line, price, currency, active in [
            ("VX-100", "Valves", "12500.00", "TWD", True),
            ("PM-10", "Pumps", "900.00", "USD", True),
            ("OLD-1", "Valves", "100.00", "TWD", False),
        ]:
            fields = {"code": code, "nameEn": code, "productLine": line, "listPrice": price, "currency": currency,
                      "active": active}  # fmt: skip
            products[code] = (await system.data(ADMIN, CREATE_PRODUCT, {"i": fields}))["createProduct"]["id"]
        yield World(
            system, await _user(system, "ann", "north"), await _user(system, "cai", "south"), products
        )


async def test_a_deal_with_lines_is_worth_their_sum(world: World) -> None:
    deal = await world.deal()
    lines = [
        {"productId": world.products["VX-100"], "quantity": "2", "discountPercent": "10"},
        {"productId": world.products["PM-10"], "quantity": "1.5", "unitPrice": "28000.00"},
    ]
    body = await world.set_lines(deal, lines)
    assert not body.get("errors"), body
    after = body["data"]["setLineItems"]
    expected = Decimal("2") * Decimal("12500.00") * Decimal("0.9") + Decimal("1.5") * Decimal("28000.00")
    assert Decimal(after["value"]["amount"]) == expected and after["value"]["currency"] == "TWD"
    assert [(li["productCode"], li["productLine"], li["total"]["amount"]) for li in after["lineItems"]] == [
        ("VX-100", "Valves", "22500.00"), ("PM-10", "Pumps", "42000.00"),
    ]  # fmt: skip
    assert after["lineItems"][0]["unitPrice"] == {"amount": "12500.00", "currency": "TWD"}
    board = await world.system.data(world.ann, BOARD)
    assert [li["productCode"] for li in board["opportunities"]["nodes"][0]["lineItems"]] == [
        "VX-100",
        "PM-10",
    ]

    typed = await world.system.ask(
        world.ann, UPDATE, {"i": {"id": deal["id"], "expectedVersion": after["version"], "amount": "5.00"}}
    )
    assert typed["errors"][0]["extensions"]["code"] == "AMOUNT_FROM_LINE_ITEMS"
    assert (await world.system.data(world.ann, GET, {"id": deal["id"]}))["opportunity"] == after

    cleared = (await world.set_lines(after, []))["data"]["setLineItems"]
    assert cleared["lineItems"] == [] and cleared["value"] == after["value"]
    retyped = await world.system.data(
        world.ann, UPDATE, {"i": {"id": deal["id"], "expectedVersion": cleared["version"], "amount": "5.00"}}
    )
    assert retyped["updateOpportunity"]["value"]["amount"] == "5.00"


@pytest.mark.parametrize(
    ("line", "extra", "code", "field"),
    [
        ({"product": "VX-100", "quantity": "-1"}, {}, "BAD_USER_INPUT", "lineItems[0].quantity"),
        ({"product": "VX-100", "quantity": "0"}, {}, "BAD_USER_INPUT", "lineItems[0].quantity"),
        ({"product": None, "quantity": "1"}, {}, "UNKNOWN_PRODUCT", "lineItems[0].productId"),
        ({"product": "OLD-1", "quantity": "1"}, {}, "PRODUCT_INACTIVE", "lineItems[0].productId"),
        ({"product": "VX-100", "quantity": "1", "unitPrice": "10"}, {"currency": "NTD"}, "UNKNOWN_CURRENCY",
         "currency"),
        ({"product": "VX-100", "quantity": "1", "discountPercent": "120"}, {}, "BAD_USER_INPUT",
         "lineItems[0].discountPercent"),
        ({"product": "VX-100", "quantity": "1", "discountPercent": "-5"}, {}, "BAD_USER_INPUT",
         "lineItems[0].discountPercent"),
        ({"product": "PM-10", "quantity": "1"}, {}, "BAD_USER_INPUT", "lineItems[0].unitPrice"),
    ],
)  # fmt: skip
async def test_a_bad_line_is_refused_and_the_deal_is_unchanged(
    world: World, line: dict[str, Any], extra: dict[str, Any], code: str, field: str
) -> None:
    deal = await world.deal()
    product = line.pop("product")
    request = {"productId": world.products[product] if product else "no-such-product", **line}
    body = await world.set_lines(deal, [request], **extra)
    assert body["errors"][0]["extensions"]["code"] == code, body
    assert body["errors"][0]["extensions"]["details"]["field"] == field
    assert (await world.system.data(world.ann, GET, {"id": deal["id"]}))["opportunity"] == deal


async def test_only_whoever_may_edit_the_deal_sets_its_lines(world: World) -> None:
    deal = await world.deal()
    body = await world.set_lines(
        deal, [{"productId": world.products["VX-100"], "quantity": "1"}], who=world.cai
    )
    assert body["errors"][0]["extensions"]["code"] in {"FORBIDDEN", "NOT_FOUND"}
    assert (await world.system.data(world.ann, GET, {"id": deal["id"]}))["opportunity"] == deal

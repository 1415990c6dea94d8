"""New customer and new product are facts of a win, read from the account's history through the
gateway; reps cannot claim them or set difficulty, a manager adjusts difficulty with a reason."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from servicekit.identity import Identity
from tests.integration.gateway._system import ADMIN, System, running_system
from tests.support.waiting import wait_until

CREATE_USER = "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }"
CREATE_PRODUCT = "mutation($i: ProductInput!) { createProduct(input: $i) { id } }"
CREATE_ACCOUNT = "mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }"
DEAL = (
    "id version status isNewCustomer isNewProduct difficulty difficultyHistory { before after by reason } "
    "lineItems { productLine total { amount } }"
)
CREATE = f"mutation($i: CreateOpportunityInput!) {{ createOpportunity(input: $i) {{ {DEAL} }} }}"
UPDATE = f"mutation($i: UpdateOpportunityInput!) {{ updateOpportunity(input: $i) {{ {DEAL} }} }}"
LINK = "mutation($i: LinkOpportunityAccountInput!) { linkOpportunityAccount(input: $i) { id version } }"
LINES = "mutation($i: SetLineItemsInput!) { setLineItems(input: $i) { id version } }"
MOVE = f"mutation($i: MoveOpportunityStageInput!) {{ moveOpportunityStage(input: $i) {{ {DEAL} }} }}"
GET = f"query($id: ID!) {{ opportunity(id: $id) {{ {DEAL} }} }}"


@dataclass
class World:
    system: System
    ann: Identity
    max: Identity
    valve: str
    pump: str

    async def won_deal(
        self, account_id: str | None, products: list[str], source_id: str | None = None
    ) -> dict[str, Any]:
        """A deal of Ann's at the account selling the products, moved to won."""
        payload = {"title": "Deal", "customerName": "x", "amount": "1000.00", "currency": "TWD",
                   "expectedCloseDate": "2030-01-15", "sourceId": source_id}  # fmt: skip
        deal = (await self.system.data(self.ann, CREATE, {"i": payload}))["createOpportunity"]
        if account_id:
            link = {"opportunityId": deal["id"], "expectedVersion": deal["version"], "accountId": account_id}
            deal = (await self.system.data(self.ann, LINK, {"i": link}))["linkOpportunityAccount"]
        if products:
            lines = [{"productId": p, "quantity": "1"} for p in products]
            deal = (await self.system.data(self.ann, LINES, {"i": {"id": deal["id"], "expectedVersion": deal["version"],
                                                                   "lineItems": lines}}))["setLineItems"]  # fmt: skip
        move = {"id": deal["id"], "expectedVersion": deal["version"], "stageKey": "won"}
        won: dict[str, Any] = (await self.system.data(self.ann, MOVE, {"i": move}))["moveOpportunityStage"]
        assert won["status"] == "WON"
        return won

    async def account(self, name: str) -> str:
        created = await self.system.data(self.ann, CREATE_ACCOUNT, {"i": {"account": {"name": name}}})
        return str(created["createAccount"]["id"])


async def _user(system: System, name: str, role: str) -> Identity:
    created = await system.data(
        ADMIN,
        CREATE_USER,
        {"i": {"name": name, "email": f"{name}@example.com", "role": role, "team": "north"}},
    )
    return Identity(user_id=created["createUser"]["id"], role=role, team="north", name=name)


@pytest.fixture
async def world(mongodb_url: str, amqp_url: str) -> AsyncIterator[World]:
    async with running_system(mongodb_url, amqp_url) as system:
        ids = []
        for code in ("VX-100", "PM-10"):
            fields = {
                "code": code,
                "nameEn": code,
                "productLine": "Line",
                "listPrice": "100.00",
                "currency": "TWD",
            }
            ids.append((await system.data(ADMIN, CREATE_PRODUCT, {"i": fields}))["createProduct"]["id"])
        ann, max_ = await _user(system, "ann", "REP"), await _user(system, "max", "MANAGER")
        yield World(system, ann, max_, *ids)


async def test_a_second_win_at_the_same_account_is_not_a_new_customer(world: World) -> None:
    acme = await world.account("Acme Valves 股份有限公司")
    first = await world.won_deal(acme, [world.valve])
    assert first["isNewCustomer"] is True and first["isNewProduct"] is True
    second = await world.won_deal(acme, [world.valve])
    assert second["isNewCustomer"] is False and second["isNewProduct"] is False
    third = await world.won_deal(acme, [world.valve, world.pump])
    assert third["isNewCustomer"] is False and third["isNewProduct"] is True
    elsewhere = await world.won_deal(await world.account("Beta Pumps"), [world.valve])
    assert elsewhere["isNewCustomer"] is True and elsewhere["isNewProduct"] is True
    unlinked = await world.won_deal(None, [])
    assert unlinked["isNewCustomer"] is False and unlinked["isNewProduct"] is False


async def test_reps_cannot_claim_facts_or_set_difficulty_and_a_manager_adjusts_it_with_a_reason(
    world: World,
) -> None:
    payload = {"title": "Deal", "customerName": "x", "amount": "1.00", "currency": "TWD",
               "expectedCloseDate": "2030-01-15"}  # fmt: skip
    on_create: list[tuple[dict[str, Any], str]] = [
        ({"isNewCustomer": True}, "DERIVED_FACT"),
        ({"difficulty": "4.0"}, "DIFFICULTY_FORBIDDEN"),
    ]
    for claim, code in on_create:
        refused = await world.system.ask(world.ann, CREATE, {"i": {**payload, **claim}})
        assert refused["errors"][0]["extensions"]["code"] == code
    deal = (await world.system.data(world.ann, CREATE, {"i": payload}))["createOpportunity"]
    on_update: list[tuple[dict[str, Any], str]] = [
        ({"isNewProduct": True}, "DERIVED_FACT"),
        ({"difficulty": "4.0"}, "DIFFICULTY_FORBIDDEN"),
    ]
    for claim, code in on_update:
        refused = await world.system.ask(
            world.ann, UPDATE, {"i": {"id": deal["id"], "expectedVersion": 1, **claim}}
        )
        assert refused["errors"][0]["extensions"]["code"] == code
    assert (await world.system.data(world.ann, GET, {"id": deal["id"]}))["opportunity"] == deal

    adjust = {
        "id": deal["id"],
        "expectedVersion": 1,
        "difficulty": "2.5",
        "difficultyReason": "Three rival bids",
    }
    adjusted = (await world.system.data(world.max, UPDATE, {"i": adjust}))["updateOpportunity"]
    assert adjusted["difficulty"] == "2.5"
    assert adjusted["difficultyHistory"] == [
        {"before": "1.0", "after": "2.5", "by": world.max.user_id, "reason": "Three rival bids"}
    ]


REBUILD = "mutation { startReportingRebuild { id } }"
FOLLOW = "query($id: ID) { reportingRebuild(id: $id) { state error } }"
REPORTS = """query($f: ReportFilterInput) {
  repAppraisal(filter: $f) { reps { repId won score } }
  sourceValue(filter: $f) { bySource { key won newCustomers revenueByProductLine { productLine currency amount } } } }"""


async def test_reports_count_the_recorded_facts(world: World) -> None:
    source = await world.system.data(
        ADMIN, "mutation($i: SourceInput!) { createSource(input: $i) { id } }",
        {"i": {"name": "Computex", "kind": "TRADE_SHOW"}},
    )  # fmt: skip
    source_id = source["createSource"]["id"]
    acme, beta = await world.account("Acme"), await world.account("Beta")
    wins = [
        await world.won_deal(acme, [world.valve], source_id),
        await world.won_deal(acme, [world.valve, world.pump], source_id),
        await world.won_deal(beta, [world.pump], source_id),
        await world.won_deal(None, [], source_id),
    ]
    # Figures a manager would expect, from the deals' own facts and the default policy
    # (base 100 × difficulty, 50 for a new customer, 30 for a new product).
    facts = [(w["isNewCustomer"], w["isNewProduct"]) for w in wins]
    assert facts == [(True, True), (False, True), (True, True), (False, False)]
    expected_score = sum(
        Decimal(100) * Decimal(w["difficulty"])
        + (50 if w["isNewCustomer"] else 0)
        + (30 if w["isNewProduct"] else 0)
        for w in wins
    )

    job = (await world.system.data(ADMIN, REBUILD))["startReportingRebuild"]

    async def rebuilt() -> bool:
        state = (await world.system.data(ADMIN, FOLLOW, {"id": job["id"]}))["reportingRebuild"]
        assert state["error"] is None
        return bool(state["state"] == "SUCCEEDED")

    await wait_until(rebuilt, timeout=60, interval=0.1)
    now = datetime.now(UTC)
    period = {"from": (now - timedelta(days=1)).isoformat(), "to": (now + timedelta(days=1)).isoformat()}
    reports = await world.system.data(ADMIN, REPORTS, {"f": period})
    [rep] = [r for r in reports["repAppraisal"]["reps"] if r["repId"] == world.ann.user_id]
    assert rep["won"] == len(wins) and Decimal(rep["score"]) == expected_score
    [row] = [r for r in reports["sourceValue"]["bySource"] if r["key"] == source_id]
    assert (row["won"], row["newCustomers"]) == (len(wins), sum(1 for w in wins if w["isNewCustomer"]))
    by_line: dict[str, Decimal] = {}
    for deal in wins:
        for line in deal["lineItems"]:
            by_line[line["productLine"]] = by_line.get(line["productLine"], Decimal(0)) + Decimal(
                line["total"]["amount"]
            )
    assert row["revenueByProductLine"] == [
        {"productLine": line, "currency": "TWD", "amount": f"{amount:.2f}"}
        for line, amount in sorted(by_line.items())
    ]

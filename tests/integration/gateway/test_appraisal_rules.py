"""Difficulty by the appraisal policy's rules, through the gateway: each won deal's difficulty,
reward and "new product" equal a calculation made here from the policy and the deal alone; a
manager's figure wins over the rules; the launch window makes a recent product new; bad rules
are refused with a code and change nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from servicekit.identity import Identity
from tests.integration.gateway._system import ADMIN, System, running_system
from tests.support.waiting import wait_until

CREATE_USER = "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }"
CREATE_PRODUCT = "mutation($i: ProductInput!) { createProduct(input: $i) { id } }"
CREATE_ACCOUNT = "mutation($i: CreateAccountInput!) { createAccount(input: $i) { id segment } }"
DEAL = "id version status value { amount currency } lineItems { productLine } isNewCustomer isNewProduct"
CREATE = f"mutation($i: CreateOpportunityInput!) {{ createOpportunity(input: $i) {{ {DEAL} }} }}"
UPDATE = f"mutation($i: UpdateOpportunityInput!) {{ updateOpportunity(input: $i) {{ {DEAL} }} }}"
LINK = "mutation($i: LinkOpportunityAccountInput!) { linkOpportunityAccount(input: $i) { id version } }"
LINES = "mutation($i: SetLineItemsInput!) { setLineItems(input: $i) { id version } }"
MOVE = f"mutation($i: MoveOpportunityStageInput!) {{ moveOpportunityStage(input: $i) {{ {DEAL} }} }}"
RULES = (
    "difficultyRules { productLines { productLine factor } segments { segment factor } "
    "sizeBands { currency minAmount maxAmount factor } } launchWindowDays"
)
SET_POLICY = f"mutation($i: AppraisalPolicyInput!) {{ setAppraisalPolicy(input: $i) {{ version {RULES} }} }}"
POLICY = f"{{ appraisalPolicy {{ version {RULES} }} }}"
APPRAISAL = (
    "appraisal(policyVersion: $v) { policyVersion difficulty difficultySource rules { kind key factor } "
    "newCustomer newProduct newProductReason reward }"
)
GET = f"query($id: ID!, $v: Int) {{ opportunity(id: $id) {{ id {APPRAISAL} }} }}"
REBUILD = "mutation { startReportingRebuild { id } }"
FOLLOW = "query($id: ID) { reportingRebuild(id: $id) { state error } }"
SCORE = "query($f: ReportFilterInput, $v: Int) { repAppraisal(filter: $f, policyVersion: $v) { reps { repId score } } }"

TODAY = datetime.now(UTC).date()
TERMS = {
    "baseReward": "100",
    "newCustomerBonus": "50",
    "newProductBonus": "30",
    "creditRule": "OWNER_AT_CLOSE",
}
POLICY_RULES = {
    "productLines": [{"productLine": "Valves", "factor": "1.5"}, {"productLine": "Pumps", "factor": "1.1"}],
    "segments": [{"segment": "ENTERPRISE", "factor": "1.3"}, {"segment": "SMB", "factor": "0.9"}],
    "sizeBands": [
        {"currency": "TWD", "minAmount": "0", "maxAmount": "1000000", "factor": "1"},
        {"currency": "TWD", "minAmount": "1000000", "factor": "1.2"},
    ],
}


def expected_difficulty(deal: dict[str, Any], segment: str | None) -> Decimal:
    """The policy's rules, applied by hand: the highest line factor × the segment's × the band's."""
    lines = {r["productLine"]: Decimal(r["factor"]) for r in POLICY_RULES["productLines"]}
    segments = {r["segment"]: Decimal(r["factor"]) for r in POLICY_RULES["segments"]}
    sold = {line["productLine"] for line in deal["lineItems"]}
    line_factor = max((lines[line] for line in sold if line in lines), default=Decimal(1))
    amount = Decimal(deal["value"]["amount"])
    band = Decimal("1.2") if amount >= 1_000_000 else Decimal(1)
    product = line_factor * segments.get(segment or "", Decimal(1)) * band
    return product.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def expected_reward(difficulty: Decimal, new_customer: bool, new_product: bool) -> Decimal:
    return Decimal(100) * difficulty + (50 if new_customer else 0) + (30 if new_product else 0)


@dataclass
class World:
    system: System
    ann: Identity
    max: Identity
    valve: str
    pump: str
    sensor: str

    async def won_deal(
        self, account_id: str, lines: list[tuple[str, str]], manager_difficulty: str | None = None
    ) -> dict[str, Any]:
        payload = {"title": "Deal", "customerName": "x", "amount": "1.00", "currency": "TWD",
                   "expectedCloseDate": (TODAY + timedelta(days=30)).isoformat()}  # fmt: skip
        deal = (await self.system.data(self.ann, CREATE, {"i": payload}))["createOpportunity"]
        link = {"opportunityId": deal["id"], "expectedVersion": deal["version"], "accountId": account_id}
        deal = (await self.system.data(self.ann, LINK, {"i": link}))["linkOpportunityAccount"]
        items = [{"productId": product, "quantity": quantity} for product, quantity in lines]
        set_lines = {"id": deal["id"], "expectedVersion": deal["version"], "lineItems": items}
        deal = (await self.system.data(self.ann, LINES, {"i": set_lines}))["setLineItems"]
        if manager_difficulty is not None:
            adjust = {"id": deal["id"], "expectedVersion": deal["version"], "difficulty": manager_difficulty,
                      "difficultyReason": "A tender against three rivals"}  # fmt: skip
            deal = (await self.system.data(self.max, UPDATE, {"i": adjust}))["updateOpportunity"]
        move = {"id": deal["id"], "expectedVersion": deal["version"], "stageKey": "won"}
        won: dict[str, Any] = (await self.system.data(self.ann, MOVE, {"i": move}))["moveOpportunityStage"]
        assert won["status"] == "WON"
        return won

    async def account(self, name: str, segment: str | None) -> tuple[str, str | None]:
        created = await self.system.data(
            self.ann, CREATE_ACCOUNT, {"i": {"account": {"name": name, "segment": segment}}}
        )
        return created["createAccount"]["id"], created["createAccount"]["segment"]

    async def appraisal(self, deal_id: str, version: int | None = None) -> dict[str, Any] | None:
        data = await self.system.data(self.ann, GET, {"id": deal_id, "v": version})
        found: dict[str, Any] | None = data["opportunity"]["appraisal"]
        return found

    async def rebuild(self) -> None:
        job = (await self.system.data(ADMIN, REBUILD))["startReportingRebuild"]

        async def rebuilt() -> bool:
            state = (await self.system.data(ADMIN, FOLLOW, {"id": job["id"]}))["reportingRebuild"]
            assert state["error"] is None
            return bool(state["state"] == "SUCCEEDED")

        await wait_until(rebuilt, timeout=60, interval=0.1)


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
        for code, line, price, launched in (
            ("VX-100", "Valves", "600000.00", TODAY - timedelta(days=10)),
            ("PM-10", "Pumps", "20000.00", date(2020, 1, 1)),
            ("SN-1", "Sensors", "5000.00", None),
        ):
            fields = {"code": code, "nameEn": code, "productLine": line, "listPrice": price, "currency": "TWD",
                      "launchDate": launched.isoformat() if launched else None}  # fmt: skip
            ids.append((await system.data(ADMIN, CREATE_PRODUCT, {"i": fields}))["createProduct"]["id"])
        ann, max_ = await _user(system, "ann", "REP"), await _user(system, "max", "MANAGER")
        yield World(system, ann, max_, *ids)


async def test_bad_rules_are_refused_with_a_code_and_change_nothing(world: World) -> None:
    before = (await world.system.data(ADMIN, POLICY))["appraisalPolicy"]
    bad: list[tuple[dict[str, Any], str]] = [
        ({"productLines": [{"productLine": "Turbines", "factor": "1.5"}]}, "UNKNOWN_PRODUCT_LINE"),
        ({"productLines": [{"productLine": "Valves", "factor": "-1"}]}, "INVALID_POLICY"),
        ({"segments": [{"segment": "ENTERPRISE", "factor": "0"}]}, "INVALID_POLICY"),
        ({"sizeBands": [{"currency": "TWD", "minAmount": "0", "maxAmount": "500", "factor": "1"},
                        {"currency": "TWD", "minAmount": "400", "factor": "1.2"}]}, "OVERLAPPING_SIZE_BANDS"),
    ]  # fmt: skip
    for rules, code in bad:
        refused = await world.system.ask(ADMIN, SET_POLICY, {"i": {**TERMS, "difficultyRules": rules}})
        assert refused["errors"][0]["extensions"]["code"] == code, (rules, refused)
    window = await world.system.ask(ADMIN, SET_POLICY, {"i": {**TERMS, "launchWindowDays": -3}})
    assert window["errors"][0]["extensions"]["code"] == "INVALID_POLICY"
    assert (await world.system.data(ADMIN, POLICY))["appraisalPolicy"] == before
    # Setting the rules is an administrator's; a manager reads them, a rep neither.
    as_manager = await world.system.ask(
        world.max, SET_POLICY, {"i": {**TERMS, "difficultyRules": POLICY_RULES}}
    )
    assert as_manager["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await world.system.ask(world.ann, POLICY))["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_won_deals_get_the_difficulty_and_reward_the_policy_rules_give(world: World) -> None:
    saved = await world.system.data(ADMIN, SET_POLICY, {"i": {**TERMS, "difficultyRules": POLICY_RULES}})
    policy = saved["setAppraisalPolicy"]
    assert policy["difficultyRules"]["sizeBands"][1]["maxAmount"] is None
    assert (await world.system.data(world.max, POLICY))["appraisalPolicy"] == policy
    acme, acme_segment = await world.account("Acme Valves", "enterprise")
    beta, beta_segment = await world.account("Beta Pumps", "smb")
    plain, plain_segment = await world.account("Gamma", None)
    assert (acme_segment, beta_segment, plain_segment) == ("ENTERPRISE", "SMB", None)
    deals = [
        (
            await world.won_deal(acme, [(world.valve, "2"), (world.pump, "1")]),
            acme_segment,
        ),  # 1.5 × 1.3 × 1.2
        (await world.won_deal(beta, [(world.pump, "3")]), beta_segment),  # 1.1 × 0.9
        (await world.won_deal(plain, [(world.sensor, "1")]), plain_segment),  # no rule: 1
        (await world.won_deal(acme, [(world.pump, "1")]), acme_segment),  # a second win at Acme
    ]
    overridden = await world.won_deal(beta, [(world.valve, "1")], manager_difficulty="0.7")
    await world.rebuild()

    expected_score = Decimal(0)
    for deal, segment in deals:
        got = await world.appraisal(deal["id"])
        assert got is not None
        difficulty = expected_difficulty(deal, segment)
        reward = expected_reward(difficulty, deal["isNewCustomer"], deal["isNewProduct"])
        assert (got["difficultySource"], Decimal(got["difficulty"]), Decimal(got["reward"])) == (
            "RULES",
            difficulty,
            reward,
        ), (deal, got)
        assert (got["newCustomer"], got["newProduct"]) == (deal["isNewCustomer"], deal["isNewProduct"])
        assert got["policyVersion"] == policy["version"]
        expected_score += reward
    first = await world.appraisal(deals[0][0]["id"])
    assert first is not None and Decimal(first["difficulty"]) == Decimal("2.34")
    assert [(r["kind"], r["key"]) for r in first["rules"]] == [
        ("PRODUCT_LINE", "Valves"),
        ("SEGMENT", "ENTERPRISE"),
        ("SIZE_BAND", "TWD 1000000-"),
    ]

    # The manager's figure wins over the rules (Valves × SMB would give 1.35).
    managed = await world.appraisal(overridden["id"])
    assert managed is not None
    assert (managed["difficultySource"], Decimal(managed["difficulty"]), managed["rules"]) == (
        "MANAGER",
        Decimal("0.7"),
        [],
    )
    expected_score += expected_reward(Decimal("0.7"), overridden["isNewCustomer"], overridden["isNewProduct"])

    # The rep's appraisal adds up the same rewards.
    now = datetime.now(UTC)
    period = {"from": (now - timedelta(days=1)).isoformat(), "to": (now + timedelta(days=1)).isoformat()}
    report = await world.system.data(ADMIN, SCORE, {"f": period, "v": None})
    [row] = [r for r in report["repAppraisal"]["reps"] if r["repId"] == world.ann.user_id]
    assert Decimal(row["score"]) == expected_score


async def test_the_launch_window_decides_whether_a_recent_product_is_new(world: World) -> None:
    acme, _ = await world.account("Acme", "ENTERPRISE")
    await world.won_deal(acme, [(world.valve, "1")])
    again = await world.won_deal(acme, [(world.valve, "1")])  # the valve, launched ten days ago, again
    old = await world.won_deal(acme, [(world.pump, "1"), (world.valve, "1")])
    assert again["isNewProduct"] is False and old["isNewProduct"] is True
    history_only = (await world.system.data(ADMIN, SET_POLICY, {"i": TERMS}))["setAppraisalPolicy"]
    window = (await world.system.data(ADMIN, SET_POLICY, {"i": {**TERMS, "launchWindowDays": 30}}))[
        "setAppraisalPolicy"
    ]
    short = (await world.system.data(ADMIN, SET_POLICY, {"i": {**TERMS, "launchWindowDays": 5}}))[
        "setAppraisalPolicy"
    ]
    assert (history_only["launchWindowDays"], window["launchWindowDays"]) == (None, 30)
    await world.rebuild()

    async def facts(deal: dict[str, Any], policy: dict[str, Any]) -> tuple[bool, str | None, Decimal]:
        got = await world.appraisal(deal["id"], policy["version"])
        assert got is not None and got["policyVersion"] == policy["version"]
        return got["newProduct"], got["newProductReason"], Decimal(got["reward"])

    assert await facts(again, history_only) == (False, None, Decimal(100))
    assert await facts(again, window) == (True, "LAUNCH_WINDOW", Decimal(130))
    assert await facts(again, short) == (False, None, Decimal(100))
    assert await facts(old, short) == (True, "FIRST_WIN", Decimal(130))


async def test_a_rep_cannot_set_difficulty_but_reads_what_their_win_got(world: World) -> None:
    beta, _ = await world.account("Beta", "SMB")
    deal = await world.won_deal(beta, [(world.pump, "1")])
    for field in ({"difficulty": "3.0"}, {"difficulty": "3.0", "difficultyReason": "I say so"}):
        refused = await world.system.ask(
            world.ann, UPDATE, {"i": {"id": deal["id"], "expectedVersion": 5, **field}}
        )
        assert refused["errors"][0]["extensions"]["code"] == "DIFFICULTY_FORBIDDEN"
    await world.rebuild()
    got = await world.appraisal(deal["id"])
    assert got is not None and got["difficultySource"] == "RULES" and Decimal(got["difficulty"]) == Decimal(1)
    # Someone else's deal stays out of reach, appraisal and all.
    bob = await _user(world.system, "bob", "REP")
    hidden = await world.system.ask(bob, GET, {"id": deal["id"], "v": None})
    assert hidden["errors"][0]["extensions"]["code"] == "NOT_FOUND"

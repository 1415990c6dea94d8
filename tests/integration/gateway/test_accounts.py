"""Accounts and contacts through the gateway, as a front end uses them: the 40-card Big5 stack
creating and matching them, search and pages, who sees what, a merge that keeps every deal and
timeline entry, the successor reading a closed deal after a handover, and bad input refused."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest

from servicekit.identity import Identity
from tests.integration.gateway._system import ADMIN, System, running_system
from tests.support.trade_show_cards import CARDS, EXISTING_ACCOUNTS, EXISTING_CONTACT, big5_csv
from tests.support.waiting import wait_until

ACCOUNT = "id name taxNumber ownerId team origin mergedInto version phones { e164 }"
CREATE_ACCOUNT = f"mutation($i: CreateAccountInput!) {{ createAccount(input: $i) {{ {ACCOUNT} }} }}"
UPDATE_ACCOUNT = f"mutation($i: UpdateAccountInput!) {{ updateAccount(input: $i) {{ {ACCOUNT} }} }}"
CREATE_CONTACT = "mutation($i: CreateContactInput!) { createContact(input: $i) { id name emails version } }"
MERGE_ACCOUNTS = f"mutation($i: MergeInput!) {{ mergeAccounts(input: $i) {{ {ACCOUNT} }} }}"
LINK = """mutation($i: LinkOpportunityAccountInput!) { linkOpportunityAccount(input: $i) {
  id version accountId contacts { contactId role } account { name } } }"""
SEARCH = f"""query($s: String, $owner: ID, $first: Int!, $after: String) {{ accounts(filter: {{search: $s, ownerId: $owner}}, first: $first, after: $after) {{
  nodes {{ {ACCOUNT} }} pageInfo {{ hasNextPage endCursor }} totalCount }} }}"""
CONTACTS = "query($s: String) { contacts(search: $s, first: 10) { nodes { id name } } }"
PAGE = """query($id: ID!) { account(id: $id) { id name ownerId owner { name } mergedInto
  contacts { id name emails }
  opportunities { id title status ownerId owner { name } }
  activities { id opportunityId kind }
  openPipeline { amount currency } wonRevenue { amount currency } } }"""
CREATE_OPPORTUNITY = "mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id version } }"
MOVE = "mutation($i: MoveOpportunityStageInput!) { moveOpportunityStage(input: $i) { id version status } }"
TIMELINE = (
    "query($id: ID!) { opportunity(id: $id) { id status accountId timeline { kind summary dataJson } } }"
)
HAND_OVER = "mutation($i: HandOverOpportunitiesInput!) { handOverOpportunities(input: $i) { deactivated } }"
IMPORT_JOB = """query($id: ID!) { importJob(id: $id) { status created
  links { line opportunityId accountId accountMatch contactId contactMatch } } }"""
LOG = "mutation($i: LogActivityInput!) { logActivity(input: $i) { id } }"

PEOPLE = {
    "ann": ("REP", "north"), "bob": ("REP", "north"), "cai": ("REP", "south"), "max": ("MANAGER", "north"),
}  # fmt: skip


class World:
    def __init__(self, system: System, people: dict[str, Identity]) -> None:
        self.system = system
        self.people = people

    def __getattr__(self, name: str) -> Identity:
        return self.people[name]

    async def data(
        self, who: Identity, query: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        return await self.system.data(who, query, variables)

    async def refused(self, who: Identity, query: str, variables: dict[str, Any]) -> str:
        body = await self.system.ask(who, query, variables)
        assert body.get("errors"), body
        assert body["errors"][0]["message"]
        code: str = body["errors"][0]["extensions"]["code"]
        return code

    async def account(self, who: Identity, **fields: Any) -> dict[str, Any]:
        return (await self.data(who, CREATE_ACCOUNT, {"i": {"account": fields}}))["createAccount"]

    async def deal(self, who: Identity, title: str, amount: str = "1000.00") -> dict[str, Any]:
        payload = {"title": title, "customerName": "x", "amount": amount, "currency": "TWD",
                   "expectedCloseDate": "2030-01-15"}  # fmt: skip
        return (await self.data(who, CREATE_OPPORTUNITY, {"i": payload}))["createOpportunity"]

    async def link(
        self,
        who: Identity,
        deal: dict[str, Any],
        account_id: str,
        contacts: list[tuple[str, str]] | None = None,
    ) -> dict[str, Any]:
        payload = {"opportunityId": deal["id"], "expectedVersion": deal["version"], "accountId": account_id,
                   "contacts": [{"contactId": c, "role": r} for c, r in contacts or []]}  # fmt: skip
        return (await self.data(who, LINK, {"i": payload}))["linkOpportunityAccount"]


@pytest.fixture
async def world(mongodb_url: str, amqp_url: str) -> AsyncIterator[World]:
    async with running_system(mongodb_url, amqp_url) as system:
        people = {}
        for name, (role, team) in PEOPLE.items():
            created = await system.data(
                ADMIN, "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
                {"i": {"name": name.title(), "email": f"{name}@example.com", "role": role, "team": team}},
            )  # fmt: skip
            people[name] = Identity(
                user_id=created["createUser"]["id"], role=role, team=team, name=name.title()
            )
        yield World(system, people)


async def upload(world: World, data: bytes, **fields: Any) -> dict[str, Any]:
    query = """mutation($i: ImportOpportunitiesInput!) { importOpportunities(input: $i) {
      id status encoding toCreate warnings columns { header field matchedBy samples } } }"""
    variables = {
        "i": {"file": None, "toUserIds": [world.ann.user_id, world.bob.user_id], "closeInDays": 60, **fields}
    }
    response = await world.system.http.post(
        "/graphql",
        data={"operations": json.dumps({"query": query, "variables": variables}),
              "map": json.dumps({"0": ["variables.i.file"]})},
        files={"0": ("computex.csv", data, "text/csv")},
        headers={"authorization": f"Bearer {world.system.token(world.max)}"},
    )  # fmt: skip
    body = response.json()
    assert not body.get("errors"), body
    job: dict[str, Any] = body["data"]["importOpportunities"]
    return job


async def test_an_import_proposes_each_columns_field_and_takes_the_users_mapping(world: World) -> None:
    stack = (
        "公司名稱,聯絡人,手機,產品興趣,攤位,Who met them\n台積電,王小明,0912-345-678,感測器,A12,Ann\n".encode(
            "cp950"
        )
    )
    proposal = await upload(world, stack, dryRun=True)
    assert proposal["status"] == "VALIDATED" and proposal["toCreate"] == 1
    assert [(c["header"], c["field"]) for c in proposal["columns"]] == [
        ("公司名稱", "COMPANY"), ("聯絡人", "CONTACT"), ("手機", "PHONE"), ("產品興趣", "PRODUCT_INTEREST"),
        ("攤位", "NOTE"), ("Who met them", "NOTE"),
    ]  # fmt: skip
    assert proposal["warnings"] == ["Kept on the contact's notes: 攤位, Who met them."]
    chosen = await upload(world, stack, dryRun=True, mapping=[{"column": "Who met them", "field": "IGNORE"}])
    assert [c["matchedBy"] for c in chosen["columns"]][-1] == "CHOSEN"
    assert chosen["warnings"] == ["Kept on the contact's notes: 攤位.", "Ignored: Who met them."]


async def test_the_big5_stack_creates_and_matches_accounts_and_contacts(world: World) -> None:
    known = {label: await world.account(world.max, **fields) for label, fields in EXISTING_ACCOUNTS.items()}
    contact = {"name": EXISTING_CONTACT["name"], "emails": EXISTING_CONTACT["emails"]}
    chang = (
        await world.data(
            world.max, CREATE_CONTACT, {"i": {"accountId": known["tsmc"]["id"], "contact": contact}}
        )
    )["createContact"]
    job = await upload(world, big5_csv())
    assert (job["encoding"], job["toCreate"]) == ("big5", 40)

    async def done() -> bool:
        return (await world.data(world.max, IMPORT_JOB, {"id": job["id"]}))["importJob"]["status"] == "DONE"

    await wait_until(done, timeout=60)
    links = (await world.data(world.max, IMPORT_JOB, {"id": job["id"]}))["importJob"]["links"]
    assert [(link["accountMatch"], link["contactMatch"]) for link in links] == [
        (c.account_match, c.contact_match) for c in CARDS
    ]
    accounts: dict[str, set[str]] = {}
    for card, link in zip(CARDS, links, strict=True):
        accounts.setdefault(card.account, set()).add(link["accountId"])
    assert all(len(ids) == 1 for ids in accounts.values()) and len(accounts) == 36
    assert accounts["tsmc"] == {known["tsmc"]["id"]} and accounts["foxconn"] == {known["foxconn"]["id"]}
    assert links[0]["contactId"] == chang["id"]

    # A manager finds the new account by part of its Chinese name, with both cards' deals.
    found = (await world.data(world.max, SEARCH, {"s": "聯發", "first": 10}))["accounts"]["nodes"]
    assert [a["name"] for a in found] == ["聯發科技股份有限公司"]
    page = (await world.data(world.max, PAGE, {"id": found[0]["id"]}))["account"]
    assert [c["name"] for c in page["contacts"]] == ["王小明"]
    assert len(page["opportunities"]) == 2


async def test_accounts_are_searched_by_name_phone_email_and_tax_number_in_cursor_pages(world: World) -> None:
    tsmc = await world.account(world.ann, name="台灣積體電路製造股份有限公司", taxNumber="22099131",
                               phones=["03-563-6688"])  # fmt: skip
    acme = await world.account(world.ann, name="ＡＣＭＥ Co., Ltd.")
    await world.data(world.ann, CREATE_CONTACT, {"i": {"accountId": acme["id"], "contact": {
        "name": "Wang", "emails": ["wang@acme.example.com"]}}})  # fmt: skip
    for n in range(3):
        await world.account(world.ann, name=f"Firm {n}")

    async def names(search: str) -> list[str]:
        data = await world.data(world.ann, SEARCH, {"s": search, "first": 10})
        return [a["name"] for a in data["accounts"]["nodes"]]

    assert await names("積體") == [tsmc["name"]]
    assert await names("acme") == [acme["name"]]
    assert await names("+886-3-563-6688") == [tsmc["name"]]
    assert await names("WANG@acme.example.com") == [acme["name"]]
    assert await names("22099131") == [tsmc["name"]]
    first = (await world.data(world.ann, SEARCH, {"first": 2}))["accounts"]
    second = (await world.data(world.ann, SEARCH, {"first": 10, "after": first["pageInfo"]["endCursor"]}))[
        "accounts"
    ]
    assert first["totalCount"] == 5 and first["pageInfo"]["hasNextPage"]
    assert len({a["id"] for a in first["nodes"] + second["nodes"]}) == 5


async def test_reps_see_their_accounts_managers_their_teams_admins_all(world: World) -> None:
    anns = await world.account(world.ann, name="Ann Co.")
    cais = await world.account(world.cai, name="Cai Co.")
    linked = await world.account(world.cai, name="Linked Co.")
    await world.link(ADMIN, await world.deal(world.bob, "Bob's deal"), linked["id"])

    async def seen(who: Identity) -> set[str]:
        return {a["name"] for a in (await world.data(who, SEARCH, {"first": 50}))["accounts"]["nodes"]}

    assert await seen(world.ann) == {"Ann Co."}
    assert await seen(world.bob) == {"Linked Co."}
    assert await seen(world.cai) == {"Cai Co.", "Linked Co."}
    assert await seen(world.max) == {"Ann Co.", "Linked Co."}
    assert await seen(ADMIN) == {"Ann Co.", "Cai Co.", "Linked Co."}
    owned = await world.data(ADMIN, SEARCH, {"owner": world.cai.user_id, "first": 50})
    assert {a["name"] for a in owned["accounts"]["nodes"]} == {"Cai Co.", "Linked Co."}
    person = {
        "i": {"accountId": linked["id"], "contact": {"name": "Lee", "emails": ["lee@linked.example.com"]}}
    }
    await world.data(world.cai, CREATE_CONTACT, person)

    async def contacts(who: Identity) -> list[str]:
        return [
            c["name"]
            for c in (await world.data(who, CONTACTS, {"s": "lee@linked.example.com"}))["contacts"]["nodes"]
        ]

    assert await contacts(world.cai) == ["Lee"]  # owned
    assert await contacts(world.ann) == []
    assert await world.refused(world.ann, PAGE, {"id": cais["id"]}) == "NOT_FOUND"
    assert (
        await world.refused(
            world.ann, MERGE_ACCOUNTS, {"i": {"survivorId": anns["id"], "mergedId": cais["id"]}}
        )
        == "FORBIDDEN"
    )


async def test_a_merge_keeps_every_opportunity_and_timeline_entry(world: World) -> None:
    survivor = await world.account(world.max, name="Acme Inc.")
    merged = await world.account(world.max, name="ACME Co., Ltd.", taxNumber="04595257")
    person = (
        await world.data(
            world.max, CREATE_CONTACT, {"i": {"accountId": merged["id"], "contact": {"name": "Lin"}}}
        )
    )["createContact"]
    deals = [await world.deal(world.ann, "Sensors"), await world.deal(world.bob, "Cables")]
    for deal in deals:
        linked = await world.link(world.max, deal, merged["id"], [(person["id"], "DECISION_MAKER")])
        await world.data(
            world.max, LOG, {"i": {"opportunityId": deal["id"], "kind": "CALL", "text": "Called Lin"}}
        )
        assert linked["account"]["name"] == "ACME Co., Ltd."
    before = {
        d["id"]: (await world.data(world.max, TIMELINE, {"id": d["id"]}))["opportunity"]["timeline"]
        for d in deals
    }

    kept = (
        await world.data(
            world.max, MERGE_ACCOUNTS, {"i": {"survivorId": survivor["id"], "mergedId": merged["id"]}}
        )
    )["mergeAccounts"]

    assert kept["taxNumber"] == "04595257"
    page = (await world.data(world.max, PAGE, {"id": survivor["id"]}))["account"]
    assert {o["id"] for o in page["opportunities"]} == {d["id"] for d in deals}
    assert [c["id"] for c in page["contacts"]] == [person["id"]]
    assert sorted(a["opportunityId"] for a in page["activities"]) == sorted(d["id"] for d in deals)
    for deal in deals:
        after = (await world.data(world.max, TIMELINE, {"id": deal["id"]}))["opportunity"]
        assert after["accountId"] == survivor["id"]
        assert after["timeline"][: len(before[deal["id"]])] == before[deal["id"]]
        merge_entry = after["timeline"][-1]
        assert (
            merge_entry["kind"] == "ACCOUNT"
            and json.loads(merge_entry["dataJson"])["mergedFrom"] == merged["id"]
        )
    gone = (await world.data(world.max, PAGE, {"id": merged["id"]}))["account"]
    assert gone["mergedInto"] == survivor["id"] and gone["opportunities"] == []


async def test_the_successor_reads_a_closed_deal_of_the_account_after_a_handover(world: World) -> None:
    account = await world.account(world.ann, name="Globex")
    open_deal = await world.link(world.ann, await world.deal(world.ann, "Renewal", "500.00"), account["id"])
    closed = await world.link(world.ann, await world.deal(world.ann, "First order", "900.00"), account["id"])
    won = (await world.data(world.ann, MOVE, {"i": {"id": closed["id"], "expectedVersion": closed["version"],
                                                   "stageKey": "won"}}))["moveOpportunityStage"]  # fmt: skip
    assert won["status"] == "WON"
    assert await world.refused(world.bob, TIMELINE, {"id": won["id"]}) == "NOT_FOUND"

    await world.data(
        world.max, HAND_OVER, {"i": {"fromUserId": world.ann.user_id, "toUserIds": [world.bob.user_id]}}
    )

    read = (await world.data(world.bob, TIMELINE, {"id": won["id"]}))["opportunity"]
    assert read["status"] == "WON" and [e["kind"] for e in read["timeline"]][-1] == "STAGE_MOVE"
    page = (await world.data(world.bob, PAGE, {"id": account["id"]}))["account"]
    assert page["ownerId"] == world.bob.user_id and page["owner"]["name"] == "Bob"
    assert {o["id"]: o["owner"]["name"] for o in page["opportunities"]} == {
        open_deal["id"]: "Bob",
        won["id"]: "Ann",
    }
    assert page["openPipeline"] == [{"amount": "500.00", "currency": "TWD"}]
    assert page["wonRevenue"] == [{"amount": "900.00", "currency": "TWD"}]
    # Reading is all the account gives: the closed deal is still Ann's to change.
    reopen = {"i": {"id": won["id"], "expectedVersion": won["version"], "stageKey": "discover"}}
    assert await world.refused(world.bob, MOVE, reopen) in {"FORBIDDEN", "NOT_FOUND"}


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"taxNumber": "04595258"}, "INVALID_TAX_NUMBER"),
        ({"phones": ["02-2345"]}, "INVALID_PHONE"),
    ],
)
async def test_bad_account_input_is_refused_and_changes_nothing(
    world: World, fields: dict[str, Any], code: str
) -> None:
    account = await world.account(world.ann, name="Initech")
    edit = {"i": {"id": account["id"], "expectedVersion": account["version"], "account": fields}}
    assert await world.refused(world.ann, UPDATE_ACCOUNT, edit) == code
    assert (
        await world.refused(world.ann, CREATE_ACCOUNT, {"i": {"account": {"name": "Other", **fields}}})
        == code
    )
    now = (await world.data(world.ann, SEARCH, {"first": 10}))["accounts"]
    assert now["totalCount"] == 1 and now["nodes"][0] == account


async def test_an_email_without_a_domain_and_a_self_merge_are_refused(world: World) -> None:
    account = await world.account(world.max, name="Initech")
    contact = {"i": {"accountId": account["id"], "contact": {"name": "Bill", "emails": ["bill@initech"]}}}
    assert await world.refused(world.max, CREATE_CONTACT, contact) == "INVALID_EMAIL"
    merge = {"i": {"survivorId": account["id"], "mergedId": account["id"]}}
    assert await world.refused(world.max, MERGE_ACCOUNTS, merge) == "MERGE_INTO_ITSELF"
    page = (await world.data(world.max, PAGE, {"id": account["id"]}))["account"]
    assert page["contacts"] == [] and page["mergedInto"] is None
    assert (await world.data(world.max, SEARCH, {"first": 10}))["accounts"]["nodes"] == [account]


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
)
CONTACT_CARD = """query($id: ID!) { contact(id: $id) { id version
  cardPhoto { id filename contentType size downloadPath } } }"""


async def attach_card(
    world: World, who: Identity, contact_id: str, file: tuple[str, bytes, str]
) -> dict[str, Any]:
    query = """mutation($c: ID!, $file: Upload!) { attachContactCard(contactId: $c, file: $file) {
      id version cardPhoto { id filename contentType size downloadPath } } }"""
    response = await world.system.http.post(
        "/graphql",
        data={"operations": json.dumps({"query": query, "variables": {"c": contact_id, "file": None}}),
              "map": json.dumps({"0": ["variables.file"]})},
        files={"0": file},
        headers={"authorization": f"Bearer {world.system.token(who)}"},
    )  # fmt: skip
    body: dict[str, Any] = response.json()
    return body


async def test_a_contacts_business_card_photo_is_uploaded_and_shown_on_the_contact(world: World) -> None:
    account = await world.account(world.ann, name="聯發科技股份有限公司")
    contact = (
        await world.data(
            world.ann, CREATE_CONTACT, {"i": {"accountId": account["id"], "contact": {"name": "王小明"}}}
        )
    )["createContact"]

    refused = await attach_card(
        world, world.ann, contact["id"], ("card.pdf", b"%PDF-1.4\n%\xe2\xe3\n", "application/pdf")
    )
    assert refused["errors"][0]["extensions"]["code"] == "NOT_AN_IMAGE"
    unchanged = (await world.data(world.ann, CONTACT_CARD, {"id": contact["id"]}))["contact"]
    assert (unchanged["version"], unchanged["cardPhoto"]) == (contact["version"], None)

    body = await attach_card(world, world.ann, contact["id"], ("名片.png", PNG, "image/png"))
    assert not body.get("errors"), body
    shown = (await world.data(world.max, CONTACT_CARD, {"id": contact["id"]}))["contact"]
    photo = shown["cardPhoto"]
    assert (photo["filename"], photo["contentType"], photo["size"]) == ("名片.png", "image/png", len(PNG))
    assert shown["version"] == contact["version"] + 1
    download = await world.system.http.get(
        photo["downloadPath"], headers={"authorization": f"Bearer {world.system.token(world.max)}"}
    )
    assert (download.status_code, download.content) == (200, PNG)
    # A rep of another team sees neither the contact nor its card.
    elsewhere = await world.system.http.get(
        photo["downloadPath"], headers={"authorization": f"Bearer {world.system.token(world.cai)}"}
    )
    assert elsewhere.status_code == 404


DEAL_CUSTOMER = """query($id: ID!) { opportunity(id: $id) { id account { name contacts { name }
  opportunities { id } openPipeline { amount currency } } } }"""
ACCOUNTS_PAGE = (
    """query { accounts(first: 10) { nodes { name contacts { name } openPipeline { amount } } } }"""
)


async def test_a_deals_customer_and_a_page_of_accounts_show_the_account_page_parts(world: World) -> None:
    # Given an account with a person and an open deal,
    account = await world.account(world.ann, name="Delta Valves")
    await world.data(
        world.ann, CREATE_CONTACT, {"i": {"accountId": account["id"], "contact": {"name": "Wu"}}}
    )
    deal = await world.deal(world.ann, "Valves", amount="5000.00")
    await world.link(world.ann, deal, account["id"])

    # when the rep reads the deal's customer, and the list of their accounts,
    shown = (await world.data(world.ann, DEAL_CUSTOMER, {"id": deal["id"]}))["opportunity"]["account"]
    listed = (await world.data(world.ann, ACCOUNTS_PAGE))["accounts"]["nodes"]

    # then both show its people, deals and open pipeline as the account page does.
    assert shown == {
        "name": "Delta Valves", "contacts": [{"name": "Wu"}], "opportunities": [{"id": deal["id"]}],
        "openPipeline": [{"amount": "5000.00", "currency": "TWD"}],
    }  # fmt: skip
    assert listed == [
        {"name": "Delta Valves", "contacts": [{"name": "Wu"}], "openPipeline": [{"amount": "5000.00"}]}
    ]

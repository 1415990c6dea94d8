"""Accounts and contacts through the opportunity API: created and edited with their events,
found by name (Chinese too), phone, e-mail and tax number, linked to opportunities, merged, and
their page's figures."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest

from tests.integration.opportunity._accounts import (
    ACCOUNTS,
    MERGE_ACCOUNTS,
    MERGE_CONTACTS,
    PAGE,
    TIMELINE,
    UPDATE_ACCOUNT,
    create_account,
    create_contact,
    link,
)
from tests.integration.opportunity._graphql import (
    ADMIN,
    MANAGER_NORTH,
    REP_1,
    REP_2,
    REP_3,
    Api,
    GraphQLFailure,
    running_api,
)


@pytest.fixture
async def api(mongodb_url: str) -> AsyncIterator[Api]:
    async with running_api(mongodb_url) as api:
        yield api


async def test_an_account_is_created_with_its_checked_fields_and_an_event(api: Api) -> None:
    account = await create_account(api, taxNumber="0459 5257", phones=["02-2345-6789", "+886 912 345 678"])
    assert account["taxNumber"] == "04595257"
    assert [p["e164"] for p in account["phones"]] == ["+886223456789", "+886912345678"]
    assert account["ownerId"] == REP_1.user_id and account["team"] == "north"
    [row] = await api.outbox(account["id"])
    assert row["envelope"]["type"] == "account.created"
    assert row["envelope"]["data"]["account"]["tax_number"] == "04595257"


async def test_a_tax_number_with_a_seven_in_the_seventh_place_is_accepted_either_way(api: Api) -> None:
    account = await create_account(api, taxNumber="10458574")
    assert account["taxNumber"] == "10458574"


async def test_accounts_are_found_by_chinese_name_phone_email_and_tax_number(api: Api) -> None:
    tsmc = await create_account(api, taxNumber="04595257", phones=["03-563-6688"])
    other = await create_account(api, name="鴻海精密工業股份有限公司")
    await create_contact(api, other["id"], emails=["Buyer@Foxconn.example.com"])

    async def found(search: str) -> list[str]:
        data = await api.call(ACCOUNTS, {"search": search, "first": 10}, as_=REP_1)
        return [a["name"] for a in data["accounts"]["nodes"]]

    assert await found("積體電路") == [tsmc["name"]]
    assert await found("鴻海") == [other["name"]]
    assert await found("+886 3 563 6688") == [tsmc["name"]]
    assert await found("04595257") == [tsmc["name"]]
    assert await found("buyer@foxconn.example.com") == [other["name"]]


async def test_accounts_come_in_cursor_pages(api: Api) -> None:
    for n in range(5):
        await create_account(api, name=f"Company {n} Ltd.")
    first = (await api.call(ACCOUNTS, {"first": 3}, as_=REP_1))["accounts"]
    rest = (await api.call(ACCOUNTS, {"first": 3, "after": first["pageInfo"]["endCursor"]}, as_=REP_1))[
        "accounts"
    ]
    names = [a["name"] for a in first["nodes"] + rest["nodes"]]
    assert (
        first["totalCount"] == 5 and first["pageInfo"]["hasNextPage"] and not rest["pageInfo"]["hasNextPage"]
    )
    assert sorted(names) == [f"Company {n} Ltd." for n in range(5)]


async def test_a_rep_sees_accounts_they_own_or_linked_to_their_deals_a_manager_their_teams(api: Api) -> None:
    own = await create_account(api, name="Own Co.", as_=REP_1)
    linked = await create_account(api, name="Linked Co.", as_=REP_3)
    await create_account(api, name="Elsewhere Co.", as_=REP_3)
    deal = await api.create(as_=REP_1)
    await link(api, deal, linked["id"], as_=ADMIN)

    async def names(who: object) -> set[str]:
        data = await api.call(ACCOUNTS, {"first": 50}, as_=who)  # type: ignore[arg-type]
        return {a["name"] for a in data["accounts"]["nodes"]}

    assert await names(REP_1) == {own["name"], linked["name"]}
    assert await names(REP_2) == set()
    assert await names(MANAGER_NORTH) == {own["name"], linked["name"]}
    assert len(await names(ADMIN)) == 3


async def test_an_edit_checks_the_expected_version_and_publishes_account_updated(api: Api) -> None:
    account = await create_account(api)
    payload = {"id": account["id"], "expectedVersion": 1, "account": {"industry": "Semiconductors"}}
    edited = (await api.call(UPDATE_ACCOUNT, {"input": payload}, as_=REP_1))["updateAccount"]
    assert edited["industry"] == "Semiconductors" and edited["version"] == 2
    assert [r["envelope"]["type"] for r in await api.outbox(account["id"])] == [
        "account.created",
        "account.updated",
    ]


async def test_a_segment_is_kept_in_one_spelling_on_the_account_its_events_and_a_win(api: Api) -> None:
    account = await create_account(api, segment="mid-market")
    segment = "query($id: ID!) { account(id: $id) { segment } }"
    assert (await api.call(segment, {"id": account["id"]}, as_=REP_1))["account"] == {"segment": "MID_MARKET"}
    refused = {"id": account["id"], "expectedVersion": 1, "account": {"segment": "大型!"}}
    with pytest.raises(GraphQLFailure) as failure:
        await api.call(UPDATE_ACCOUNT, {"input": refused}, as_=REP_1)
    assert (failure.value.code, failure.value.details["field"]) == ("BAD_USER_INPUT", "segment")
    payload = {"id": account["id"], "expectedVersion": 1, "account": {"segment": "Enterprise"}}
    await api.call(UPDATE_ACCOUNT, {"input": payload}, as_=REP_1)
    rows = await api.outbox(account["id"])
    assert [r["envelope"]["data"]["account"]["segment"] for r in rows] == ["MID_MARKET", "ENTERPRISE"]
    deal = await link(api, await api.create(as_=REP_1), account["id"])
    await api.move(await api.get(deal["id"]), "won", as_=REP_1)
    [won] = [r for r in await api.outbox(deal["id"]) if r["envelope"]["type"] == "opportunity.won"]
    assert won["envelope"]["data"]["facts"]["account_segment"] == "ENTERPRISE"
    assert won["envelope"]["data"]["opportunity"]["difficulty_by_manager"] is False


async def test_the_account_page_holds_every_deal_of_the_account_whoever_owned_it(api: Api) -> None:
    account = await create_account(api, as_=MANAGER_NORTH)
    mine = await api.create(as_=REP_1, amount="1000.00")
    theirs = await api.create(as_=REP_3, amount="2500.50")
    won = await api.create(as_=REP_3, amount="400.00")
    for deal in (mine, theirs, won):
        await link(api, deal, account["id"], as_=ADMIN)
    won = await api.get(won["id"])
    await api.move(won, "won", as_=REP_3)
    page = (await api.call(PAGE, {"id": account["id"]}, as_=ADMIN))["account"]
    assert {o["id"] for o in page["opportunities"]} == {mine["id"], theirs["id"], won["id"]}
    assert page["openPipeline"] == [{"amount": "3500.50", "currency": "TWD"}]
    assert page["wonRevenue"] == [{"amount": "400.00", "currency": "TWD"}]


async def test_a_merge_moves_every_opportunity_and_contact_and_shows_in_their_timelines(api: Api) -> None:
    survivor = await create_account(api, name="Acme Inc.", as_=MANAGER_NORTH)
    merged = await create_account(api, name="ACME Co., Ltd.", taxNumber="04595257", as_=MANAGER_NORTH)
    person = await create_contact(api, merged["id"], as_=MANAGER_NORTH)
    deals = [await api.create(as_=REP_1), await api.create(as_=REP_2)]
    for deal in deals:
        await link(api, deal, merged["id"], [(person["id"], "DECISION_MAKER")], as_=MANAGER_NORTH)
    before = {d["id"]: (await api.call(TIMELINE, {"id": d["id"]}))["opportunity"]["timeline"] for d in deals}

    kept = (await api.call(MERGE_ACCOUNTS, {"input": {"survivorId": survivor["id"], "mergedId": merged["id"]}},
                           as_=MANAGER_NORTH))["mergeAccounts"]  # fmt: skip

    assert kept["taxNumber"] == "04595257"  # the survivor takes what it lacked
    page = (await api.call(PAGE, {"id": survivor["id"]}))["account"]
    assert {o["id"] for o in page["opportunities"]} == {d["id"] for d in deals}
    assert [c["id"] for c in page["contacts"]] == [person["id"]]
    for deal in deals:
        after = (await api.call(TIMELINE, {"id": deal["id"]}))["opportunity"]
        assert after["accountId"] == survivor["id"]
        assert after["timeline"][: len(before[deal["id"]])] == before[deal["id"]]  # nothing lost
        last = after["timeline"][-1]
        assert last["kind"] == "ACCOUNT" and json.loads(last["dataJson"])["mergedFrom"] == merged["id"]
    gone = (await api.call(PAGE, {"id": merged["id"]}))["account"]
    assert gone["mergedInto"] == survivor["id"] and gone["opportunities"] == []
    types = [r["envelope"]["type"] for r in await api.outbox(survivor["id"])]
    assert types[-1] == "account.merged"


LINKED = "query($id: ID!) { opportunity(id: $id) { contacts { contactId role } } }"
HAND_OVER = """mutation($input: HandOverOpportunitiesInput!) { handOverOpportunities(input: $input) {
  assignment { assignedCount } } }"""
CLOSED_DEAL = """query($id: ID!) { opportunity(id: $id) { id status ownerId timeline { kind } }
  activities(opportunityId: $id) { id } }"""


async def test_a_handover_moves_the_account_and_the_successor_reads_its_closed_deals(api: Api) -> None:
    account = await create_account(api, as_=REP_1)
    person = await create_contact(api, account["id"], as_=REP_1)
    open_deal = await api.create(as_=REP_1)
    closed = await api.create(as_=REP_1)
    for deal in (open_deal, closed):
        await link(api, deal, account["id"], [(person["id"], "USER")], as_=REP_1)
    closed = await api.move(await api.get(closed["id"]), "won", as_=REP_1)
    with pytest.raises(GraphQLFailure):  # before: the successor cannot see the leaver's deal
        await api.call(CLOSED_DEAL, {"id": closed["id"]}, as_=REP_2)

    await api.call(
        HAND_OVER, {"input": {"fromUserId": REP_1.user_id, "toUserIds": [REP_2.user_id]}}, as_=MANAGER_NORTH
    )

    page = (await api.call(PAGE, {"id": account["id"]}, as_=REP_2))["account"]
    assert page["ownerId"] == REP_2.user_id
    assert {o["id"]: o["ownerId"] for o in page["opportunities"]} == {
        open_deal["id"]: REP_2.user_id,
        closed["id"]: REP_1.user_id,
    }
    assert page["contacts"][0]["id"] == person["id"]
    read = await api.call(CLOSED_DEAL, {"id": closed["id"]}, as_=REP_2)
    assert read["opportunity"]["status"] == "WON"
    assert [e["kind"] for e in read["opportunity"]["timeline"]][-1] == "STAGE_MOVE"


async def test_a_contact_merge_moves_the_deal_links_to_the_survivor(api: Api) -> None:
    account = await create_account(api, as_=MANAGER_NORTH)
    kept = await create_contact(api, account["id"], as_=MANAGER_NORTH, emails=["wang@acme.example.com"])
    twin = await create_contact(
        api, account["id"], as_=MANAGER_NORTH, name="王 小明", phones=["0912-345-678"]
    )
    deal = await link(
        api, await api.create(as_=REP_1), account["id"], [(twin["id"], "PURCHASING")], as_=MANAGER_NORTH
    )
    payload = {"survivorId": kept["id"], "mergedId": twin["id"]}
    merged = (await api.call(MERGE_CONTACTS, {"input": payload}, as_=MANAGER_NORTH))["mergeContacts"]
    assert merged["emails"] == ["wang@acme.example.com"] and merged["phones"] == [{"e164": "+886912345678"}]
    after = (await api.call(TIMELINE, {"id": deal["id"]}))["opportunity"]
    assert after["timeline"][-1]["kind"] == "ACCOUNT"
    page = (await api.call(PAGE, {"id": account["id"]}))["account"]
    assert [c["id"] for c in page["contacts"]] == [kept["id"]]
    linked = (await api.call(LINKED, {"id": deal["id"]}))["opportunity"]["contacts"]
    assert linked == [{"contactId": kept["id"], "role": "PURCHASING"}]
    assert [r["envelope"]["type"] for r in await api.outbox(kept["id"])][-1] == "contact.merged"


async def test_a_scoped_search_pages_through_owned_and_linked_accounts_in_order(api: Api) -> None:
    own = [await create_account(api, name=f"精密{n}號工業", as_=REP_1) for n in range(3)]
    linked = await create_account(api, name="宏達精密工業", as_=REP_3)
    await create_account(api, name="精密外人工業", as_=REP_3)  # neither owned nor linked
    await create_account(api, name="光學工業", as_=REP_1)  # owned, not matching
    await link(api, await api.create(as_=REP_1), linked["id"], as_=ADMIN)

    seen, after, totals = [], None, set()
    while True:
        page = (await api.call(ACCOUNTS, {"search": "精密 工業", "first": 2, "after": after}, as_=REP_1))[
            "accounts"
        ]
        seen += [a["id"] for a in page["nodes"]]
        totals.add(page["totalCount"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [linked["id"], *(a["id"] for a in reversed(own))]  # newest first, each once
    assert totals == {4}

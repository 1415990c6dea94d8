"""A board of opportunities with owners, stages, sources, pipelines and alert counts costs a fixed
number of calls to each service, whatever the page size; the users, pipelines and sources it links
to are kept between requests, and a change to them shows on the next board after its event (or at
once, when made through the gateway)."""

from __future__ import annotations

import asyncio

import pytest

from servicekit.identity import Identity
from tests.integration.gateway._system import ADMIN, running_system
from tests.support.waiting import wait_until

# What the gateway sends for a board's alerts (gateway/adapters/clients/operations/notifications.graphql).
PENDING_ALERT_COUNTS = "query($ids: [ID!]!) { result: pendingAlertCounts(opportunityIds: $ids) }"
PENDING_ALERTS_OF = "query($ids: [ID!]!) { result: pendingAlertsOf(opportunityIds: $ids) { id kind dueAt } }"

BOARD = """
query Board($first: Int!) {
  opportunities(first: $first, orderBy: CREATED_AT_ASC) {
    totalCount
    nodes {
      id title value { amount currency } stage { key nameEn kind } probability { effective }
      owner { id name team } source { name kind cost { amount currency } } pipeline { name }
      pendingAlertCount
    }
  }
}
"""


@pytest.fixture(scope="module")
async def board(mongodb_url, amqp_url):
    # Kept catalogues never expire here: only events and the gateway's own mutations refresh them.
    async with running_system(
        mongodb_url, amqp_url, events=True, catalogue_ttl_seconds=3600, user_status_ttl_seconds=3600
    ) as system:
        reps = []
        for i in range(5):
            created = await system.data(
                ADMIN,
                "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
                {"i": {"name": f"Rep {i}", "email": f"rep{i}@example.com", "role": "REP", "team": "north"}},
            )
            reps.append(created["createUser"]["id"])
        sources = []
        for i, kind in enumerate(["TRADE_SHOW", "EXPO", "ONLINE_REGISTRATION"]):
            created = await system.data(
                ADMIN,
                "mutation($i: SourceInput!) { createSource(input: $i) { id } }",
                {"i": {"name": f"Source {i}", "kind": kind, "costAmount": "1000.00", "costCurrency": "TWD"}},
            )
            sources.append(created["createSource"]["id"])

        async def create(i: int) -> None:
            await system.data(
                ADMIN,
                "mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }",
                {"i": {"title": f"Deal {i}", "customerName": f"Customer {i}", "amount": f"{1000 + i}.00",
                       "currency": "TWD", "expectedCloseDate": "2030-01-15", "ownerId": reps[i % len(reps)],
                       "sourceId": sources[i % len(sources)]}},
            )  # fmt: skip

        for start in range(0, 50, 5):  # a few at a time: the machine is shared
            await asyncio.gather(*(create(i) for i in range(start, start + 5)))
        await wait_until_notifications_know_every_opportunity(system)
        yield system


async def wait_until_notifications_know_every_opportunity(system) -> None:
    async with asyncio.timeout(60):
        while True:
            body = await system.ask(ADMIN, BOARD, {"first": 50})
            if not body.get("errors"):
                return
            await asyncio.sleep(0.2)


async def calls_for_board(system, first: int) -> tuple[dict[str, int], dict]:
    before = system.calls()
    data = await system.data(ADMIN, BOARD, {"first": first})
    after = system.calls()
    return {name: after[name] - before[name] for name in after}, data


async def catalogues_kept(system) -> None:
    """Ask boards until one costs a single call to the opportunity service: the users, sources and
    pipelines it links to are then kept. A catalogue event of the set-up that reaches the gateway
    late (the machine is shared) drops them once more, which is what the cache is for."""

    async def one_call() -> bool:
        return (await calls_for_board(system, 5))[0]["opportunity"] == 1

    await wait_until(one_call, timeout=30, interval=0.1)


async def test_a_board_of_fifty_costs_the_same_calls_per_service_as_a_board_of_five(board):
    # A catalogue event of the set-up can still arrive between the two boards and rightly make
    # the second fetch a list again; a board whose cost grew with its size differs every time.
    for _ in range(5):
        await catalogues_kept(board)
        small_calls, small = await calls_for_board(board, 5)
        large_calls, large = await calls_for_board(board, 50)
        if large_calls == small_calls:
            break

    assert len(small["opportunities"]["nodes"]) == 5
    assert len(large["opportunities"]["nodes"]) == 50
    assert large_calls == small_calls
    # One page (the users, sources and pipelines it links to are kept)...
    assert large_calls["opportunity"] == 1
    # ...and one batched call for every opportunity's pending alert count.
    assert large_calls["notifications"] == 1
    assert large_calls["reporting"] == 0


async def test_after_a_change_through_the_gateway_a_board_fetches_each_catalogue_once_more(board):
    sources = await board.data(ADMIN, "{ sources { id name version } }")
    source = sources["sources"][0]
    await board.data(
        ADMIN,
        "mutation($id: ID!, $v: Int!, $i: SourceInput!) { updateSource(id: $id, expectedVersion: $v, input: $i) { id } }",
        {"id": source["id"], "v": source["version"], "i": {"name": source["name"], "kind": "TRADE_SHOW",
                                                           "costAmount": "1000.00", "costCurrency": "TWD"}},
    )  # fmt: skip
    calls, data = await calls_for_board(board, 50)
    # The page, then the users, sources and pipelines once each, whatever the page size.
    assert calls["opportunity"] == 4
    assert len(data["opportunities"]["nodes"]) == 50


USER = "query($id: ID!) { user(id: $id) { name version } }"


async def new_user(system, name: str) -> str:
    created = await system.data(
        ADMIN,
        "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
        {"i": {"name": name, "email": f"{name.lower().replace(' ', '.')}@example.com", "role": "REP", "team": "south"}},
    )  # fmt: skip
    return str(created["createUser"]["id"])


async def test_a_rename_made_past_the_gateway_is_seen_once_its_event_arrives(board):
    user_id = await new_user(board, "Kept Elsewhere")
    seen = (await board.data(ADMIN, USER, {"id": user_id}))["user"]  # now kept by the gateway
    await board.ask_service(
        "opportunity", ADMIN,
        "mutation($i: UpdateUserInput!) { updateUser(input: $i) { id } }",
        {"i": {"id": user_id, "expectedVersion": seen["version"], "name": "Renamed Elsewhere"}},
    )  # fmt: skip

    async def renamed() -> bool:
        return (await board.data(ADMIN, USER, {"id": user_id}))["user"]["name"] == "Renamed Elsewhere"

    # The kept list would last an hour: only the event can refresh it within the wait.
    await wait_until(renamed, timeout=30, interval=0.1)


async def test_a_rename_made_through_the_gateway_is_seen_by_the_very_next_request(board):
    user_id = await new_user(board, "Kept Here")
    seen = (await board.data(ADMIN, USER, {"id": user_id}))["user"]
    await board.data(
        ADMIN,
        "mutation($i: UpdateUserInput!) { updateUser(input: $i) { id } }",
        {"i": {"id": user_id, "expectedVersion": seen["version"], "name": "Renamed Here"}},
    )
    assert (await board.data(ADMIN, USER, {"id": user_id}))["user"]["name"] == "Renamed Here"


async def test_a_board_asked_with_fragments_gets_every_field_it_names(board):
    query = """
    query($first: Int!) { opportunities(first: $first) { nodes { ...Card ... on Opportunity { status } } } }
    fragment Card on Opportunity { title customerName owner { name } probability { effective } rotting }
    """
    nodes = (await board.data(ADMIN, query, {"first": 50}))["opportunities"]["nodes"]
    assert len(nodes) == 50
    assert all(n["customerName"].startswith("Customer ") and n["owner"]["name"] for n in nodes)
    assert {(n["status"], n["rotting"], n["probability"]["effective"]) for n in nodes} == {
        ("OPEN", False, 10)
    }


async def test_every_card_carries_its_owner_source_and_pipeline(board):
    _, data = await calls_for_board(board, 50)
    nodes = data["opportunities"]["nodes"]
    assert {n["owner"]["name"] for n in nodes} == {f"Rep {i}" for i in range(5)}
    assert {n["source"]["kind"] for n in nodes} == {"TRADE_SHOW", "EXPO", "ONLINE_REGISTRATION"}
    assert all(n["pipeline"]["name"] and n["stage"]["kind"] == "OPEN" for n in nodes)
    # Created five at a time, so "Deal 0" need not be the first by creation time.
    assert next(n["value"] for n in nodes if n["title"] == "Deal 0") == {
        "amount": "1000.00",
        "currency": "TWD",
    }


async def test_the_alerts_of_many_opportunities_answer_each_on_its_own(board):
    """What the board's counts rely on: one call for many opportunities, where one the caller may
    not see, or the notifications service does not know, fails alone."""
    nodes = (await board.data(ADMIN, BOARD, {"first": 50}))["opportunities"]["nodes"]
    rep = nodes[0]["owner"]["id"]
    mine = next(n for n in nodes if n["owner"]["id"] == rep)
    theirs = next(n for n in nodes if n["owner"]["id"] != rep)
    ids = [mine["id"], theirs["id"], "no-such-opportunity"]
    as_rep = Identity(user_id=rep, role="REP", team="north")
    counts = await board.service_body("notifications", as_rep, PENDING_ALERT_COUNTS, {"ids": ids})
    alerts = await board.service_body("notifications", as_rep, PENDING_ALERTS_OF, {"ids": ids})

    assert mine["pendingAlertCount"] > 0  # the board's count came from the same call
    assert counts["data"]["result"] == [mine["pendingAlertCount"], None, None]
    first, *others = alerts["data"]["result"]
    assert (len(first), others) == (mine["pendingAlertCount"], [None, None])
    for body in (counts, alerts):
        assert {e["path"][1]: e["extensions"]["code"] for e in body["errors"]} == {
            1: "FORBIDDEN",
            2: "NOT_FOUND",
        }

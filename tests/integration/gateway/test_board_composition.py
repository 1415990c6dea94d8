"""A board of opportunities with owners, stages, sources, pipelines and alert counts costs a fixed
number of calls to each service, whatever the page size."""

from __future__ import annotations

import asyncio

import pytest

from tests.integration.gateway._system import ADMIN, running_system

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
    async with running_system(mongodb_url, amqp_url, events=True) as system:
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


async def test_a_board_of_fifty_costs_the_same_calls_per_service_as_a_board_of_five(board):
    small_calls, small = await calls_for_board(board, 5)
    large_calls, large = await calls_for_board(board, 50)

    assert len(small["opportunities"]["nodes"]) == 5
    assert len(large["opportunities"]["nodes"]) == 50
    assert large_calls == small_calls
    # One page, plus one call each for the users, sources and pipelines it links to...
    assert large_calls["opportunity"] == 4
    # ...and one batched call for every opportunity's pending alerts.
    assert large_calls["notifications"] == 1
    assert large_calls["reporting"] == 0


async def test_every_card_carries_its_owner_source_and_pipeline(board):
    _, data = await calls_for_board(board, 50)
    nodes = data["opportunities"]["nodes"]
    assert {n["owner"]["name"] for n in nodes} == {f"Rep {i}" for i in range(5)}
    assert {n["source"]["kind"] for n in nodes} == {"TRADE_SHOW", "EXPO", "ONLINE_REGISTRATION"}
    assert all(n["pipeline"]["name"] and n["stage"]["kind"] == "OPEN" for n in nodes)
    assert nodes[0]["value"] == {"amount": "1000.00", "currency": "TWD"}

"""Fields a page asks of each of its items cost one call to the service for the whole page, not
one per item: each opportunity's activities on a board, each user's opportunities on a team list."""

from __future__ import annotations

import pytest

from tests.integration.gateway._system import ADMIN, running_system
from tests.support.waiting import wait_until

REPS = 6
USERS = "{ users { id name } }"
USERS_WITH_OPPORTUNITIES = """{ users { id name opportunities(first: 3) {
  totalCount nodes { id title ownerId } } } }"""
BOARD = "query { opportunities(first: 50, orderBy: CREATED_AT_ASC) { nodes { id title } } }"
BOARD_WITH_ACTIVITIES = """query { opportunities(first: 50, orderBy: CREATED_AT_ASC) {
  nodes { id title activities { id kind current { text } } } } }"""


@pytest.fixture(scope="module")
async def team(mongodb_url, amqp_url):
    # Kept catalogues never expire here, so a page's cost is only what it asks per item.
    async with running_system(mongodb_url, amqp_url, catalogue_ttl_seconds=3600) as system:
        reps = []
        for i in range(REPS):
            created = await system.data(
                ADMIN,
                "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
                {"i": {"name": f"Rep {i}", "email": f"rep{i}@example.com", "role": "REP", "team": "east"}},
            )
            reps.append(created["createUser"]["id"])
        # Rep i owns i opportunities; opportunity j of a rep has j activities.
        for i, rep in enumerate(reps):
            for j in range(i):
                created = await system.data(
                    ADMIN,
                    "mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }",
                    {"i": {"title": f"Deal {i}-{j}", "customerName": f"Customer {i}", "amount": "1000.00",
                           "currency": "TWD", "expectedCloseDate": "2030-01-15", "ownerId": rep}},
                )  # fmt: skip
                for k in range(j):
                    await system.data(
                        ADMIN,
                        "mutation($i: LogActivityInput!) { logActivity(input: $i) { id } }",
                        {"i": {"opportunityId": created["createOpportunity"]["id"], "kind": "NOTE",
                               "text": f"note {i}-{j}-{k}"}},
                    )  # fmt: skip
        yield system


async def calls_for(system, query: str) -> tuple[int, dict]:
    before = system.calls()["opportunity"]
    data = await system.data(ADMIN, query)
    return system.calls()["opportunity"] - before, data


async def steady_cost(system, query: str) -> tuple[int, dict]:
    """The calls a query costs once the catalogues it links to are kept (the set-up's own
    mutations made the gateway forget them)."""
    costs: list[int] = []

    async def same_twice() -> bool:
        costs.append((await calls_for(system, query))[0])
        return len(costs) >= 2 and costs[-1] == costs[-2]

    await wait_until(same_twice, timeout=30, interval=0.05)
    return await calls_for(system, query)


async def test_each_users_opportunities_cost_one_call_for_the_whole_list(team):
    plain, _ = await steady_cost(team, USERS)
    linked, data = await steady_cost(team, USERS_WITH_OPPORTUNITIES)

    assert linked == plain + 1  # one call for every user's page, not one per user
    reps = {u["name"]: u["opportunities"] for u in data["users"] if u["name"].startswith("Rep ")}
    assert len(reps) == REPS
    for i in range(REPS):
        page = reps[f"Rep {i}"]
        assert page["totalCount"] == i
        assert len(page["nodes"]) == min(i, 3)
        assert {n["title"].split(" ")[1].split("-")[0] for n in page["nodes"]} <= {str(i)}


async def test_each_opportunitys_activities_cost_one_call_for_the_whole_page(team):
    plain, _ = await steady_cost(team, BOARD)
    linked, data = await steady_cost(team, BOARD_WITH_ACTIVITIES)

    assert linked == plain + 1  # one call for every card's activities, not one per card
    nodes = data["opportunities"]["nodes"]
    assert len(nodes) == sum(range(REPS))
    for node in nodes:
        i, j = node["title"].removeprefix("Deal ").split("-")
        assert sorted(a["current"]["text"] for a in node["activities"]) == [
            f"note {i}-{j}-{k}" for k in range(int(j))
        ]

"""Who may read and change an opportunity is the opportunity service's rule: the gateway checks
the caller's role, passes the identity, and sends a change without reading the opportunity
first. Where the gateway's own copy of the rule once differed (a manager without a team), what
the service decides is what the caller gets: their own deals, and nobody else's."""

from __future__ import annotations

import pytest

from servicekit.identity import Identity
from tests.integration.gateway._system import ADMIN, running_system

CREATE_USER = "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }"
CREATE = "mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id version } }"
RENAME = """mutation($i: UpdateOpportunityInput!) { updateOpportunity(input: $i) { id title version } }"""
ONE = "query($id: ID!) { opportunity(id: $id) { id title } }"
BOARD = "{ opportunities(first: 50) { nodes { id } totalCount } }"


@pytest.fixture(scope="module")
async def system(mongodb_url, amqp_url):
    async with running_system(mongodb_url, amqp_url) as running:
        yield running


async def _user(system, name: str, role: str, team: str | None) -> Identity:
    created = await system.data(
        ADMIN, CREATE_USER,
        {"i": {"name": name, "email": f"{name.lower()}@example.com", "role": role, "team": team}},
    )  # fmt: skip
    return Identity(user_id=created["createUser"]["id"], role=role, team=team, name=name)


def _deal(title: str, owner: Identity) -> dict:
    return {"i": {"title": title, "customerName": "Acme", "amount": "5000.00", "currency": "TWD",
                  "expectedCloseDate": "2030-03-01", "ownerId": owner.user_id}}  # fmt: skip


async def test_a_manager_without_a_team_reads_and_changes_their_own_deals_only(system):
    lone = await _user(system, "Lone", "MANAGER", None)
    rep = await _user(system, "Rita", "REP", "west")
    mine = (await system.data(lone, CREATE, _deal("Lone's deal", lone)))["createOpportunity"]
    theirs = (await system.data(ADMIN, CREATE, _deal("Rita's deal", rep)))["createOpportunity"]

    board = (await system.data(lone, BOARD))["opportunities"]
    assert [n["id"] for n in board["nodes"]] == [mine["id"]]
    assert (await system.data(lone, ONE, {"id": mine["id"]}))["opportunity"]["title"] == "Lone's deal"
    hidden = await system.ask(lone, ONE, {"id": theirs["id"]})
    assert hidden["errors"][0]["extensions"]["code"] == "NOT_FOUND"

    renamed = await system.data(lone, RENAME, {"i": {"id": mine["id"], "expectedVersion": mine["version"],
                                                      "title": "Lone's bigger deal"}})  # fmt: skip
    assert renamed["updateOpportunity"]["title"] == "Lone's bigger deal"
    refused = await system.ask(
        lone, RENAME, {"i": {"id": theirs["id"], "expectedVersion": theirs["version"], "title": "Mine now"}}
    )
    assert refused["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert (await system.data(ADMIN, ONE, {"id": theirs["id"]}))["opportunity"]["title"] == "Rita's deal"


async def test_a_change_is_one_call_to_the_service(system):
    rep = await _user(system, "Sam", "REP", "east")
    deal = (await system.data(rep, CREATE, _deal("Sam's deal", rep)))["createOpportunity"]
    before = system.calls()["opportunity"]
    variables = {"i": {"id": deal["id"], "expectedVersion": deal["version"], "title": "Sam's renamed deal"}}
    await system.data(rep, RENAME, variables)
    assert system.calls()["opportunity"] - before == 1

"""Live opportunity changes over WebSocket, fed from the bus and filtered to what each
subscriber may see."""

from __future__ import annotations

import asyncio
import json
import uuid

import pytest
import websockets

from servicekit.identity import Identity
from tests.integration.gateway._system import ADMIN, running_system
from tests.integration.gateway._ws import subscribed
from tests.support.rabbit import collect

CHANGES = "subscription { opportunityChanged { type sequence opportunity { id title ownerId stage { key kind } owner { name } } } }"
CREATE = "mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id version } }"


@pytest.fixture(scope="module")
async def system(mongodb_url, amqp_url):
    async with running_system(mongodb_url, amqp_url, events=True) as running:
        yield running


async def make_rep(system, name: str) -> Identity:
    created = await system.data(
        ADMIN,
        "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
        {"i": {"name": name, "email": f"{name.lower()}@example.com", "role": "REP", "team": "west"}},
    )
    return Identity(user_id=created["createUser"]["id"], role="REP", team="west", name=name)


def deal(title: str, owner: Identity) -> dict:
    return {"i": {"title": title, "customerName": "Acme", "amount": "5000.00", "currency": "TWD",
                  "expectedCloseDate": "2030-03-01", "ownerId": owner.user_id}}  # fmt: skip


async def test_a_rep_sees_changes_to_their_own_opportunities_and_not_to_others(system):
    ann, bob = await make_rep(system, "Ann"), await make_rep(system, "Bob")
    async with subscribed(system.url, system.token(ann), CHANGES) as ann_live:
        await system.wait_for_subscribers(1)
        await system.data(ADMIN, CREATE, deal("Bob's deal", bob))
        await system.data(ADMIN, CREATE, deal("Ann's deal", ann))
        async with asyncio.timeout(20):
            change = await ann_live.next()

    opportunity = change["data"]["opportunityChanged"]["opportunity"]
    assert change["data"]["opportunityChanged"]["type"] == "opportunity.created"
    assert opportunity["title"] == "Ann's deal"
    assert opportunity["owner"]["name"] == "Ann"


async def test_an_administrator_sees_every_change(system):
    cid = await make_rep(system, "Cid")
    async with subscribed(system.url, system.token(ADMIN), CHANGES) as live:
        await system.wait_for_subscribers(1)
        await system.data(ADMIN, CREATE, deal("Cid's deal", cid))
        async with asyncio.timeout(20):
            while True:
                change = (await live.next())["data"]["opportunityChanged"]
                if change["opportunity"]["title"] == "Cid's deal":
                    break
    assert change["sequence"] == 1


async def test_a_websocket_without_a_valid_token_is_closed(system):
    with pytest.raises(websockets.ConnectionClosed) as closed:
        async with subscribed(system.url, "not-a-token", CHANGES) as live:
            await live.next()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403


async def test_subscribing_before_connection_init_is_refused(system):
    url = system.url.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(
        url, subprotocols=[websockets.Subprotocol("graphql-transport-ws")]
    ) as socket:
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": CHANGES}}))
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await socket.recv()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401


async def test_a_request_correlation_id_follows_it_through_the_service_and_over_the_bus(system, amqp_url):
    owner = await make_rep(system, "Dee")
    collector = await collect(
        amqp_url,
        system.settings.exchange,
        f"{system.settings.queue_prefix}corr-{uuid.uuid4().hex[:6]}",
        ["opportunity.#"],
    )
    try:
        correlation = f"corr-{uuid.uuid4().hex}"
        response = await system.http.post(
            "/graphql",
            json={"query": CREATE, "variables": deal("Traced deal", owner)},
            headers={"authorization": f"Bearer {system.token(ADMIN)}", "x-correlation-id": correlation},
        )
        assert response.headers["x-correlation-id"] == correlation
        created_id = response.json()["data"]["createOpportunity"]["id"]
        await collector.wait_for(lambda got: any(e["subject"] == created_id for e in got), timeout=20)
        event = next(e for e in collector.received if e["subject"] == created_id)
        assert event["correlationid"] == correlation
    finally:
        await collector.close()

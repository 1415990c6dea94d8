"""A manager hands 10,000 opportunities (a large trade show's cards) to one rep in one request
through the gateway, as the schema promises: every one changes owner with its version checked, and
each is announced once (one ``opportunity.assigned`` event each)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import Counter
from collections.abc import AsyncIterator

import aio_pika
import pytest

from servicekit.identity import Identity
from servicekit.outbox import OutboxRelay
from tests.integration.gateway._system import ADMIN, System, running_system
from tests.integration.opportunity._assignment_world import make_world
from tests.support.waiting import wait_until

N = 10_000
PAGE = """query($f: OpportunityFilter, $after: String) {
  opportunities(filter: $f, first: 100, after: $after, orderBy: CREATED_AT_ASC) {
    totalCount nodes { id version ownerId } pageInfo { hasNextPage endCursor } } }"""
ASSIGN = """mutation($i: AssignOpportunitiesInput!) { assignOpportunities(input: $i) {
  assignedCount failedCount failures { opportunityId code } byRep { userId count } } }"""


async def new_user(system: System, name: str, role: str) -> Identity:
    created = await system.data(
        ADMIN,
        "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
        {"i": {"name": name, "email": f"{name.lower()}@example.com", "role": role, "team": "north"}},
    )
    return Identity(user_id=created["createUser"]["id"], role=role, team="north", name=name)


async def seed(system: System, mongo_client, owner: Identity) -> list[str]:
    """A large trade show's cards, all the leaving rep's, written straight to the opportunity
    service's database (creating 10,000 one by one is not what this test is about): each at
    version 1, as the manager's list shows them."""
    world = await make_world(mongo_client, system.opportunity_database)
    return await world.add_opportunities(N, owner=owner.user_id)


async def count_owned_by(system: System, viewer: Identity, owner: Identity) -> tuple[int, list[dict]]:
    page = (await system.data(viewer, PAGE, {"f": {"ownerId": owner.user_id}, "after": None}))[
        "opportunities"
    ]
    return page["totalCount"], page["nodes"]


@contextlib.asynccontextmanager
async def assigned_events(system: System, mongo_client, amqp_url: str) -> AsyncIterator[Counter[str]]:
    """The opportunity outbox relayed to the system's exchange; yields a count of the
    ``opportunity.assigned`` events received per opportunity, kept up to date."""
    connection = await aio_pika.connect_robust(amqp_url)
    channel = await connection.channel()
    exchange = await channel.declare_exchange(
        system.settings.exchange, aio_pika.ExchangeType.TOPIC, durable=True
    )
    queue = await channel.declare_queue(f"{system.settings.queue_prefix}bulk.assigned", auto_delete=True)
    await queue.bind(exchange, "opportunity.assigned")
    received: Counter[str] = Counter()

    async def on_message(message: aio_pika.abc.AbstractIncomingMessage) -> None:
        async with message.process():
            received[json.loads(message.body)["data"]["opportunity"]["id"]] += 1

    await queue.consume(on_message)
    stop = asyncio.Event()
    relay = OutboxRelay(
        mongo_client[system.opportunity_database], amqp_url=amqp_url, exchange=system.settings.exchange,
        name=f"bulk-{system.settings.queue_prefix}",
    )  # fmt: skip
    relaying = asyncio.create_task(relay.run(stop))
    try:
        yield received
    finally:
        stop.set()
        with contextlib.suppress(Exception):
            await relaying
        await queue.delete(if_unused=False, if_empty=False)
        await connection.close()


async def all_received(received: Counter[str]) -> bool:
    return len(received) >= N


@pytest.mark.timeout(1800)
async def test_a_manager_assigns_ten_thousand_opportunities_in_one_request(
    mongodb_url, amqp_url, mongo_client
):
    # The usual time-out for the services' answers; a bulk assignment has its own, longer one.
    async with running_system(mongodb_url, amqp_url, service_timeout_seconds=10) as system:
        manager = await new_user(system, "Manager", "MANAGER")
        leaving, taking = await new_user(system, "Leaving", "REP"), await new_user(system, "Taking", "REP")
        ids = await seed(system, mongo_client, leaving)
        assert (await count_owned_by(system, manager, leaving))[0] == N

        async with assigned_events(system, mongo_client, amqp_url) as received:
            targets = [{"id": i, "expectedVersion": 1} for i in ids]
            variables = {
                "i": {
                    "targets": targets,
                    "toUserId": taking.user_id,
                    "reason": "BULK",
                    "idempotencyKey": "expo",
                }
            }
            response = await system.http.post(
                "/graphql", json={"query": ASSIGN, "variables": variables},
                headers={"authorization": f"Bearer {system.token(manager)}"}, timeout=600,
            )  # fmt: skip
            body = response.json()
            assert not body.get("errors"), body["errors"]
            assert body["data"]["assignOpportunities"] == {
                "assignedCount": N, "failedCount": 0, "failures": [],
                "byRep": [{"userId": taking.user_id, "count": N}],
            }  # fmt: skip

            # The lists a manager reads: all with the new rep, none left with the leaver...
            taken, nodes = await count_owned_by(system, manager, taking)
            assert taken == N
            assert {(n["ownerId"], n["version"]) for n in nodes} == {(taking.user_id, 2)}
            assert (await count_owned_by(system, manager, leaving))[0] == 0
            # ...and every one of them, as stored: the new owner, one version on.
            stored = (
                await mongo_client[system.opportunity_database]["opportunities"]
                .find({"_id": {"$in": ids}}, {"owner_id": 1, "version": 1})
                .to_list()
            )
            assert {d["_id"]: (d["owner_id"], d["version"]) for d in stored} == dict.fromkeys(
                ids, (taking.user_id, 2)
            )

            # A request made with the versions seen before is refused per opportunity, not applied.
            stale = [{"id": i, "expectedVersion": 1} for i in ids[:3]]
            again = await system.data(manager, ASSIGN, {"i": {"targets": stale, "toUserId": leaving.user_id}})
            assert again["assignOpportunities"]["assignedCount"] == 0
            assert {(f["opportunityId"], f["code"]) for f in again["assignOpportunities"]["failures"]} == {
                (t["id"], "CONFLICT") for t in stale
            }

            await wait_until(lambda: all_received(received), timeout=600, interval=0.5)
        assert set(received) == set(ids)
        assert set(received.values()) == {1}

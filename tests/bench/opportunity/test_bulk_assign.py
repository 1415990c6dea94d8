"""Bulk assignment of 10,000 opportunities in one GraphQL call, against a raw ``bulk_write`` of the
same owner updates on the same server in the same run (goal: within 3×), then every
``opportunity.assigned`` event delivered through the outbox relay to a queue.

    make bench   (or: .venv/bin/python -m pytest -q -m bench -s tests/bench/opportunity/test_bulk_assign.py)
    BENCH_ASSIGN_N=2000 shrinks the batch for a quick look.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time

import aio_pika
import pytest
from pymongo import UpdateOne

from servicekit.outbox import OutboxRelay
from tests.bench.report import report
from tests.integration.opportunity._assignment_world import T0, make_world
from tests.integration.opportunity._graphql import ADMIN, running_api

N = int(os.environ.get("BENCH_ASSIGN_N", "10000"))
ASSIGN = """mutation($input: AssignOpportunitiesInput!) { assignOpportunities(input: $input) {
  assignedCount failedCount } }"""


@pytest.mark.bench
@pytest.mark.timeout(3600)
async def test_bulk_assignment_of_ten_thousand_against_raw_bulk_write(
    mongodb_url, mongo_client, amqp_url, names
):
    async with running_api(mongodb_url) as api:
        world = await make_world(mongo_client, api.settings.database)
        ids = await world.add_opportunities(N, owner="rep-1")
        raw_world = await make_world(mongo_client, names.db("raw"))
        raw_ids = await raw_world.add_opportunities(N, owner="rep-1")

        # Raw: the same owner change as one unordered bulk_write, no history, no events.
        started = time.perf_counter()
        await raw_world.db["opportunities"].bulk_write(
            [UpdateOne({"_id": i, "version": 1}, {"$set": {"owner_id": "rep-2", "updated_at": T0}, "$inc": {"version": 1}})
             for i in raw_ids],
            ordered=False,
        )  # fmt: skip
        raw_seconds = time.perf_counter() - started

        started = time.perf_counter()
        targets = [{"id": i, "expectedVersion": 1} for i in ids]
        result = await api.call(
            ASSIGN, {"input": {"targets": targets, "toUserId": "rep-2", "idempotencyKey": "bench"}}, as_=ADMIN
        )
        api_seconds = time.perf_counter() - started
        assert result["assignOpportunities"] == {"assignedCount": N, "failedCount": 0}

        delivered, relay_seconds = await _deliver(api.db, amqp_url, names)
        report(
            f"bulk assignment of {N} opportunities (one call)",
            [
                ("raw bulk_write", f"{raw_seconds:.2f} s ({N / raw_seconds:,.0f} updates/s)"),
                (
                    "assignOpportunities (GraphQL)",
                    f"{api_seconds:.2f} s ({N / api_seconds:,.0f} assignments/s)",
                ),
                ("ratio api/raw", f"{api_seconds / raw_seconds:.2f}× (goal ≤ 3×)"),
                ("events delivered by the relay", f"{delivered}/{N} in {relay_seconds:.2f} s"),
            ],
        )
        assert delivered == N
        await mongo_client.drop_database(names.db("raw"))


async def _deliver(db, amqp_url: str, names) -> tuple[int, float]:
    """Relay the outbox to a fresh exchange and count the assigned events reaching a queue."""
    connection = await aio_pika.connect_robust(amqp_url)
    channel = await connection.channel()
    exchange = await channel.declare_exchange(names.exchange, aio_pika.ExchangeType.TOPIC, durable=True)
    queue = await channel.declare_queue(f"{names.queue_prefix}bench.assigned", auto_delete=True)
    await queue.bind(exchange, "opportunity.assigned")
    stop = asyncio.Event()
    relay = OutboxRelay(db, amqp_url=amqp_url, exchange=names.exchange, name=f"bench-{names.token}")
    started = time.perf_counter()
    task = asyncio.create_task(relay.run(stop))
    seen: set[str] = set()
    try:
        async with asyncio.timeout(600), queue.iterator() as messages:
            async for message in messages:
                await message.ack()
                seen.add(message.message_id or str(len(seen)))
                if len(seen) >= N:
                    break
    finally:
        stop.set()
        with contextlib.suppress(Exception):
            await task
        await queue.delete(if_unused=False, if_empty=False)
        await exchange.delete()
        await connection.close()
    return len(seen), time.perf_counter() - started

"""The relay process publishes what the API wrote to the outbox, in order per opportunity."""

from __future__ import annotations

import asyncio
import json

import aio_pika

from services.opportunity.entrypoints.relay import run
from tests.conftest import Names, free_port
from tests.integration.opportunity._graphql import REP_1, running_api


async def test_api_changes_reach_a_subscriber_through_the_relay(
    mongodb_url: str, amqp_url: str, names: Names
) -> None:
    async with running_api(mongodb_url) as api:
        connection = await aio_pika.connect(amqp_url)
        try:
            channel = await connection.channel()
            exchange = await channel.declare_exchange(
                names.exchange, aio_pika.ExchangeType.TOPIC, durable=True
            )
            queue = await channel.declare_queue(f"{names.queue_prefix}subscriber", exclusive=True)
            await queue.bind(exchange, routing_key="opportunity.#")

            opp = await api.create(REP_1)
            opp = await api.move(opp, "proposal")
            await api.move(opp, "lost", lostReasonKey="no_budget", lostReason="budget cut")

            settings = api.settings.model_copy(
                update={"exchange": names.exchange, "amqp_url": amqp_url, "port": free_port()}
            )
            stop = asyncio.Event()
            relay = asyncio.create_task(run(settings, stop))
            received: list[dict[str, object]] = []
            try:
                async with queue.iterator() as messages:
                    async with asyncio.timeout(30):
                        async for message in messages:
                            async with message.process():
                                received.append(json.loads(message.body))
                            if len(received) == 3:
                                break
            finally:
                stop.set()
                await asyncio.wait_for(relay, 30)
        finally:
            await connection.close()

    assert [(e["type"], e["sequence"]) for e in received] == [
        ("opportunity.created", 1), ("opportunity.stage_changed", 2), ("opportunity.lost", 3),
    ]  # fmt: skip
    assert received[2]["data"]["reason"] == "budget cut"  # type: ignore[index]

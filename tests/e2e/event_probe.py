"""``python -m tests.e2e.event_probe EXCHANGE``: when each opportunity event reaches the broker's
consumers, for the console's benchmark (web/bench), which times every hop of a live move.

Binds a queue of its own to the exchange (as the gateway's live feed does) and prints one JSON
line per event: its id, subject, type and sequence, the time the opportunity service stamped on
it and the time it was delivered here (both milliseconds since the epoch). Runs until its
standard input closes.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from datetime import datetime

import aio_pika
from aio_pika.abc import AbstractIncomingMessage

from servicekit.bus import declare_exchange
from tests.conftest import DEFAULT_AMQP_URL


def _line(message: AbstractIncomingMessage, received_ms: float) -> str:
    envelope = json.loads(message.body)
    stamped = datetime.fromisoformat(envelope["time"]).timestamp() * 1000
    return json.dumps(
        {
            "id": envelope["id"], "subject": envelope["subject"], "type": envelope["type"],
            "sequence": envelope["sequence"], "stamped": stamped, "delivered": received_ms,
        }
    )  # fmt: skip


async def probe(amqp_url: str, exchange: str) -> None:
    connection = await aio_pika.connect(amqp_url, client_properties={"connection_name": "bench-event-probe"})
    try:
        channel = await connection.channel()
        events = await declare_exchange(channel, exchange)
        queue = await channel.declare_queue("", exclusive=True, auto_delete=True)
        await queue.bind(events, routing_key="opportunity.#")

        async def on_message(message: AbstractIncomingMessage) -> None:
            print(_line(message, time.time() * 1000), flush=True)

        await queue.consume(on_message, no_ack=True)
        print(json.dumps({"ready": True}), flush=True)
        # Standard input closing is the signal to stop.
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    finally:
        await connection.close()


def main() -> None:
    asyncio.run(probe(os.environ.get("AMQP_URL", DEFAULT_AMQP_URL), sys.argv[1]))


if __name__ == "__main__":
    main()

"""The event consumer: ``python -m services.reporting.entrypoints.consumer``, beside its probes.

Replicas share one durable quorum queue (competing consumers); the projection is idempotent and
order-independent, so any number of replicas yields exactly what one would. Each also recomputes
the month rollups the projection marked.
"""

from __future__ import annotations

import asyncio

from deploy.processes import process
from servicekit import shell
from servicekit.bus import Consumer
from servicekit.heap import settle_heap
from servicekit.mongo import open_client
from servicekit.probes import mongo_ping
from servicekit.reconnect import retry
from services.reporting.application.rollups import keep_rollups
from services.reporting.bootstrap import build_projection, queue_spec
from services.reporting.settings import ReportingSettings

PROCESS = process("reporting", "consumer")


async def run(settings: ReportingSettings) -> None:
    client = open_client(settings.mongodb_url)
    consumer: Consumer | None = None
    try:

        async def consuming() -> bool:
            return consumer is not None and consumer.consuming

        async def work(stop: asyncio.Event) -> None:
            nonlocal consumer
            store, handler = await retry(
                lambda: build_projection(settings, client), what="mongodb", stop=stop
            )
            consumer = Consumer(
                settings.amqp_url, settings.exchange, queue_spec(settings), handler, name="reporting"
            )
            settle_heap()
            await asyncio.gather(
                consumer.run(stop), keep_rollups(store, stop, settings.rollup_interval_seconds)
            )

        await shell.run_worker(
            work, settings, PROCESS, checks={"mongodb": mongo_ping(client), "consuming": consuming}
        )
    finally:
        await client.close()


def main() -> None:
    settings = ReportingSettings()
    shell.begin(settings, PROCESS)
    asyncio.run(run(settings))


if __name__ == "__main__":
    main()

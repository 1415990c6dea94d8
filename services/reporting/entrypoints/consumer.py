"""The event consumer: ``python -m services.reporting.entrypoints.consumer`` (probes on 8302).

Replicas share one durable quorum queue (competing consumers); the projection is idempotent and
order-independent, so any number of replicas yields exactly what one would. Each also recomputes
the month rollups the projection marked.
"""

from __future__ import annotations

import asyncio

from servicekit import tracing
from servicekit.bus import Consumer
from servicekit.heap import settle_heap
from servicekit.logs import configure_logging, get_logger
from servicekit.mongo import open_client
from servicekit.probes import mongo_ping, run_with_probes
from servicekit.reconnect import retry
from services.reporting.application.rollups import keep_rollups
from services.reporting.bootstrap import build_projection, queue_spec
from services.reporting.settings import ReportingSettings

log = get_logger(__name__)


async def main(settings: ReportingSettings | None = None) -> None:
    settings = settings or ReportingSettings()
    configure_logging("reporting-consumer", settings.log_level, json=settings.log_json)
    tracing.configure_tracing("reporting-consumer")
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

        await run_with_probes(
            work, host=settings.api_host, port=settings.consumer_probe_port,
            checks={"mongo": mongo_ping(client), "bus": consuming},
        )  # fmt: skip
    finally:
        await client.close()


if __name__ == "__main__":
    asyncio.run(main())

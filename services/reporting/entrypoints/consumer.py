"""The event consumer: ``python -m services.reporting.entrypoints.consumer`` (probes on 8302).

Replicas share one durable quorum queue (competing consumers); the projection is idempotent and
order-independent, so any number of replicas yields exactly what one would.
"""

from __future__ import annotations

import asyncio
import signal

import uvicorn
from starlette.applications import Starlette

from servicekit.bus import Consumer
from servicekit.logs import configure_logging, get_logger
from servicekit.mongo import open_client
from servicekit.probes import mongo_ping, probe_routes
from services.reporting.bootstrap import build_projection, queue_spec
from services.reporting.settings import ReportingSettings

log = get_logger(__name__)


async def main(settings: ReportingSettings | None = None) -> None:
    settings = settings or ReportingSettings()
    configure_logging("reporting-consumer", settings.log_level, json=settings.log_json)
    client = open_client(settings.mongodb_url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        _, handler = await build_projection(settings, client)
        consumer = Consumer(
            settings.amqp_url, settings.exchange, queue_spec(settings), handler, name="reporting"
        )

        async def consuming() -> bool:
            return consumer.consuming

        app = Starlette(routes=probe_routes({"mongo": mongo_ping(client), "bus": consuming}))
        config = uvicorn.Config(
            app, host=settings.api_host, port=settings.consumer_probe_port, log_config=None, access_log=False
        )
        probes = uvicorn.Server(config)
        serving = asyncio.create_task(probes.serve())
        await consumer.run(stop)
        probes.should_exit = True  # a graceful stop rather than a cancelled lifespan
        await serving
    finally:
        await client.close()


if __name__ == "__main__":
    asyncio.run(main())

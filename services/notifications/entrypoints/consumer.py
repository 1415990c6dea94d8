"""The event consumer: keeps the copies and the schedule up to date (probes on 8202)."""

from __future__ import annotations

import asyncio

from servicekit.bus import Consumer
from servicekit.logs import configure_logging
from servicekit.probes import mongo_ping
from services.notifications import bootstrap
from services.notifications.entrypoints._runtime import run_with_probes
from services.notifications.settings import NotificationSettings


async def run(settings: NotificationSettings) -> None:
    storage = await bootstrap.open_storage(settings)
    batching, handler = bootstrap.consumer_handler(storage, settings)
    consumer = Consumer(
        settings.amqp_url,
        settings.exchange,
        bootstrap.event_queue(settings),
        batching,
        name="notifications-consumer",
    )
    await handler.resume_replans()

    async def consuming() -> bool:
        return consumer.consuming

    try:
        await run_with_probes(
            consumer.run,
            host=settings.listen_host,
            port=settings.consumer_probe_port,
            checks={"mongodb": mongo_ping(storage.client), "consuming": consuming},
        )
    finally:
        await handler.close()
        await storage.close()


def main() -> None:
    settings = NotificationSettings()
    configure_logging("notifications-consumer", settings.log_level, json=settings.log_json)
    asyncio.run(run(settings))


if __name__ == "__main__":
    main()

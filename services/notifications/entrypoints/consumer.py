"""The event consumer: keeps the copies and the schedule up to date (probes on 8202)."""

from __future__ import annotations

import asyncio
import contextlib

from servicekit import tracing
from servicekit.bus import Consumer
from servicekit.heap import settle_heap
from servicekit.logs import configure_logging, get_logger
from servicekit.probes import mongo_ping, run_with_probes
from services.notifications import bootstrap
from services.notifications.settings import NotificationSettings

log = get_logger(__name__)


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
    settle_heap()

    async def consuming() -> bool:
        return consumer.consuming

    async def work(stop: asyncio.Event) -> None:
        await asyncio.gather(consumer.run(stop), resume_replans(stop))

    async def resume_replans(stop: asyncio.Event) -> None:
        # Left unfinished by a previous run, or asked for by the API (new alert settings).
        while not stop.is_set():
            try:
                await handler.resume_replans()
            except Exception:
                log.exception("could not look for pipelines to re-plan")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=settings.replan_poll_seconds)

    try:
        await run_with_probes(
            work,
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
    tracing.configure_tracing("notifications-consumer")
    asyncio.run(run(settings))


if __name__ == "__main__":
    main()

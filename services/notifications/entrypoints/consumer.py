"""The event consumer: keeps the copies and the schedule up to date, beside its probes."""

from __future__ import annotations

import asyncio

from deploy.processes import process
from servicekit import shell
from servicekit.bus import Consumer
from servicekit.heap import settle_heap
from servicekit.logs import get_logger
from servicekit.probes import mongo_ping
from servicekit.reconnect import pause
from services.notifications import bootstrap
from services.notifications.application.intake import EventHandler
from services.notifications.settings import NotificationSettings

log = get_logger(__name__)
PROCESS = process("notifications", "consumer")


async def run(settings: NotificationSettings) -> None:
    opened: list[tuple[bootstrap.Storage, EventHandler]] = []
    consumer: Consumer | None = None

    async def consuming() -> bool:
        return consumer is not None and consumer.consuming

    async def mongodb() -> bool:
        return bool(opened) and await mongo_ping(opened[0][0].client)()

    async def work(stop: asyncio.Event) -> None:
        nonlocal consumer
        storage = await bootstrap.open_storage(settings, stop)  # retried until MongoDB answers
        batching, handler = bootstrap.consumer_handler(storage, settings)
        opened.append((storage, handler))
        consumer = Consumer(
            settings.amqp_url,
            settings.exchange,
            bootstrap.event_queue(settings),
            batching,
            name=PROCESS.id,
        )
        settle_heap()
        await asyncio.gather(consumer.run(stop), resume_replans(handler, stop))

    async def resume_replans(handler: EventHandler, stop: asyncio.Event) -> None:
        # Left unfinished by a previous run, or asked for by the API (new alert settings).
        while not stop.is_set():
            try:
                await handler.resume_replans()
            except Exception:
                log.exception("could not look for pipelines to re-plan")
            await pause(stop, settings.replan_poll_seconds)

    try:
        await shell.run_worker(work, settings, PROCESS, checks={"mongodb": mongodb, "consuming": consuming})
    finally:
        for storage, handler in opened:
            await handler.close()
            await storage.close()


def main() -> None:
    settings = NotificationSettings()
    shell.begin(settings, PROCESS)
    asyncio.run(run(settings))


if __name__ == "__main__":
    main()

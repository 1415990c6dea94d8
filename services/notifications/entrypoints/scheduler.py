"""The alert scheduler: every interval, claims what is due and hands it to the delivery
workers, beside its probes. Run as many as you like; leases keep each alert to one of them."""

from __future__ import annotations

import asyncio
import time

from prometheus_client import Counter

from deploy.processes import process
from servicekit import shell
from servicekit.logs import get_logger
from servicekit.probes import mongo_ping
from servicekit.reconnect import pause
from services.notifications import bootstrap
from services.notifications.adapters.dramatiq_delivery import DramatiqDeliveryQueue
from services.notifications.entrypoints._runtime import quiet_broker_client_logs
from services.notifications.settings import NotificationSettings

log = get_logger(__name__)
PROCESS = process("notifications", "scheduler")
HANDED_OVER = Counter("alerts_handed_over_total", "Alerts claimed and handed to delivery", ["outcome"])


async def run(settings: NotificationSettings) -> None:
    actors, _ = bootstrap.delivery_broker(settings)
    opened: list[tuple[bootstrap.Storage, DramatiqDeliveryQueue]] = []
    last_tick: float | None = None  # not ready before a first tick

    async def ticking(stop: asyncio.Event) -> None:
        nonlocal last_tick
        storage = await bootstrap.open_storage(settings, stop)  # retried until MongoDB answers
        scheduler, queue = bootstrap.scheduler(storage, settings, actors)
        opened.append((storage, queue))
        while not stop.is_set():
            try:
                result = await scheduler.tick()
                HANDED_OVER.labels("delivered").inc(result.delivered)
                HANDED_OVER.labels("cancelled").inc(result.cancelled)
                HANDED_OVER.labels("lost_to_another_scheduler").inc(result.lost_claims)
                if result.delivered or result.cancelled:
                    log.info("alerts handed over", delivered=result.delivered, cancelled=result.cancelled)
                last_tick = time.monotonic()
            except Exception:
                # A broker or database hiccup: what could not be handed over was released.
                log.exception("scheduler tick failed")
            await pause(stop, settings.scheduler_interval_seconds)

    async def ticking_recently() -> bool:
        limit = max(30.0, 10 * settings.scheduler_interval_seconds)
        return last_tick is not None and time.monotonic() - last_tick < limit

    async def mongodb() -> bool:
        return bool(opened) and await mongo_ping(opened[0][0].client)()

    try:
        await shell.run_worker(
            ticking, settings, PROCESS, checks={"mongodb": mongodb, "ticking": ticking_recently}
        )
    finally:
        for storage, queue in opened:
            await asyncio.to_thread(queue.close)
            await storage.close()
        await asyncio.to_thread(actors.deliver.broker.close)


def main() -> None:
    settings = NotificationSettings()
    shell.begin(settings, PROCESS)
    quiet_broker_client_logs()
    asyncio.run(run(settings))


if __name__ == "__main__":
    main()

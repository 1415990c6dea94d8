"""The alert scheduler: every interval, claims what is due and hands it to the delivery
workers (probes on 8203). Run as many as you like; leases keep each alert to one of them."""

from __future__ import annotations

import asyncio
import contextlib
import time

from prometheus_client import Counter

from servicekit import tracing
from servicekit.logs import configure_logging, get_logger
from servicekit.probes import mongo_ping, run_with_probes
from services.notifications import bootstrap
from services.notifications.entrypoints._runtime import quiet_broker_client_logs
from services.notifications.settings import NotificationSettings

log = get_logger(__name__)
HANDED_OVER = Counter("alerts_handed_over_total", "Alerts claimed and handed to delivery", ["outcome"])


async def run(settings: NotificationSettings) -> None:
    storage = await bootstrap.open_storage(settings)
    actors, _ = bootstrap.delivery_broker(settings)
    scheduler, queue = bootstrap.scheduler(storage, settings, actors)
    last_tick = time.monotonic()

    async def ticking(stop: asyncio.Event) -> None:
        nonlocal last_tick
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
                # A broker or database hiccup: what was claimed is retaken after its lease.
                log.exception("scheduler tick failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=settings.scheduler_interval_seconds)

    async def ticking_recently() -> bool:
        return time.monotonic() - last_tick < max(30.0, 10 * settings.scheduler_interval_seconds)

    try:
        await run_with_probes(
            ticking,
            host=settings.listen_host,
            port=settings.scheduler_probe_port,
            checks={"mongodb": mongo_ping(storage.client), "ticking": ticking_recently},
        )
    finally:
        await asyncio.to_thread(queue.close)
        await asyncio.to_thread(actors.deliver.broker.close)
        await storage.close()


def main() -> None:
    settings = NotificationSettings()
    configure_logging("notifications-scheduler", settings.log_level, json=settings.log_json)
    tracing.configure_tracing("notifications-scheduler")
    quiet_broker_client_logs()
    asyncio.run(run(settings))


if __name__ == "__main__":
    main()

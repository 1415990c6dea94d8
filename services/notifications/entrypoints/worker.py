"""The dramatiq delivery worker: inbox, e-mail and webhook deliveries, beside its probes.

Run through this module rather than the ``dramatiq`` CLI: the broker is built from the settings
and set before any actor is declared, and the actors' queue name follows ``QUEUE_PREFIX``.
"""

from __future__ import annotations

import asyncio

import dramatiq

from deploy.processes import process
from servicekit import shell
from services.notifications import bootstrap
from services.notifications.adapters.dramatiq_delivery import worker_consuming
from services.notifications.entrypoints._runtime import quiet_broker_client_logs
from services.notifications.settings import NotificationSettings

PROCESS = process("notifications", "worker")


async def run(settings: NotificationSettings) -> None:
    actors, _ = bootstrap.delivery_broker(settings)
    broker = actors.deliver.broker
    worker = dramatiq.Worker(broker, worker_threads=settings.worker_threads)

    async def consuming() -> bool:
        return worker_consuming(worker)

    async def work(stop: asyncio.Event) -> None:
        worker.start()
        try:
            await stop.wait()
        finally:
            await asyncio.to_thread(worker.stop)
            await asyncio.to_thread(broker.close)

    await shell.run_worker(work, settings, PROCESS, checks={"consuming": consuming})


def main() -> None:
    settings = NotificationSettings()
    shell.begin(settings, PROCESS)
    quiet_broker_client_logs()
    asyncio.run(run(settings))


if __name__ == "__main__":
    main()

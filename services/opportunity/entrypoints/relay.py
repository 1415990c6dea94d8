"""The outbox relay process: ``python -m services.opportunity.entrypoints.relay``.

Publishes the service's outbox to the event exchange, beside its probes.
"""

from __future__ import annotations

import asyncio

from pymongo.asynchronous.database import AsyncDatabase

from deploy.processes import process
from servicekit import shell
from servicekit.logs import get_logger
from servicekit.mongo import Document, ensure_indexes, open_client
from servicekit.outbox import OUTBOX_INDEXES, OUTBOX_RETIRED_INDEXES, OutboxRelay
from servicekit.probes import mongo_ping
from servicekit.reconnect import retry
from services.opportunity.settings import OpportunitySettings

log = get_logger(__name__)
PROCESS = process("opportunity", "relay")


def opportunity_relay(db: AsyncDatabase[Document], settings: OpportunitySettings) -> OutboxRelay:
    return OutboxRelay(
        db, amqp_url=settings.amqp_url, exchange=settings.exchange,
        publish_timeout=settings.publish_timeout_seconds,
        # No retention: the outbox is this service's permanent event log (decision 12).
        name="opportunity-outbox-relay",
    )  # fmt: skip


async def run(settings: OpportunitySettings, stop: asyncio.Event | None = None) -> None:
    client = open_client(settings.mongodb_url)
    try:
        db = client[settings.database]
        relay = opportunity_relay(db, settings)

        async def broker_ready() -> bool:
            return relay.connected

        async def relaying(stop: asyncio.Event) -> None:
            await retry(
                lambda: ensure_indexes(db, OUTBOX_INDEXES, OUTBOX_RETIRED_INDEXES), what="mongodb", stop=stop
            )
            await relay.run(stop)

        await shell.run_worker(
            relaying,
            settings,
            PROCESS,
            checks={"mongodb": mongo_ping(client), "broker": broker_ready},
            stop=stop,
        )
    finally:
        await client.close()


def main() -> None:
    settings = OpportunitySettings()
    shell.begin(settings, PROCESS)
    log.info("relay starting", database=settings.database, exchange=settings.exchange)
    asyncio.run(run(settings))


if __name__ == "__main__":
    main()

"""The outbox relay process: ``python -m services.opportunity.entrypoints.relay``.

Publishes the service's outbox to the event exchange; probes on port 8102.
"""

from __future__ import annotations

import asyncio

from pymongo.asynchronous.database import AsyncDatabase

from servicekit import tracing
from servicekit.logs import configure_logging, get_logger
from servicekit.mongo import Document, ensure_indexes, open_client
from servicekit.outbox import OUTBOX_INDEXES, OUTBOX_RETIRED_INDEXES, OutboxRelay
from servicekit.probes import mongo_ping, run_with_probes, stop_on_signals
from servicekit.reconnect import retry
from services.opportunity.settings import OpportunitySettings

log = get_logger(__name__)


def opportunity_relay(db: AsyncDatabase[Document], settings: OpportunitySettings) -> OutboxRelay:
    return OutboxRelay(
        db, amqp_url=settings.amqp_url, exchange=settings.exchange,
        publish_timeout=settings.publish_timeout_seconds,
        # No retention: the outbox is this service's permanent event log (decision 12).
        name="opportunity-outbox-relay",
    )  # fmt: skip


async def run(settings: OpportunitySettings, stop: asyncio.Event) -> None:
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

        await run_with_probes(
            relaying, host=settings.api_host, port=settings.relay_probe_port,
            checks={"mongodb": mongo_ping(client), "broker": broker_ready}, stop=stop,
        )  # fmt: skip
    finally:
        await client.close()


async def _main() -> None:
    settings = OpportunitySettings()
    configure_logging("opportunity-relay", settings.log_level, json=settings.log_json)
    tracing.configure_tracing("opportunity-relay")
    stop = asyncio.Event()
    stop_on_signals(stop)
    log.info("relay starting", database=settings.database, exchange=settings.exchange)
    await run(settings, stop)


def main() -> None:
    asyncio.run(_main())


if __name__ == "__main__":
    main()

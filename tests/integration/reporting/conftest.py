"""Remove each test's queues and exchange from the shared broker when it ends."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import aio_pika
import pytest

from tests.conftest import Names


@pytest.fixture(autouse=True)
async def _remove_broker_objects(request: pytest.FixtureRequest) -> AsyncIterator[None]:
    if "names" not in request.fixturenames or "amqp_url" not in request.fixturenames:
        yield
        return
    # Taken before the test so that they are torn down after this fixture.
    names: Names = request.getfixturevalue("names")
    amqp_url: str = request.getfixturevalue("amqp_url")
    yield
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel()
        queue = f"{names.queue_prefix}reporting.events"
        for name in (queue, f"{queue}.dlq"):
            await channel.queue_delete(name)
        with contextlib.suppress(aio_pika.exceptions.AMQPError):
            await channel.exchange_delete(names.exchange)
    finally:
        await connection.close()

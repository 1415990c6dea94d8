"""The delivery worker opens its database on the first delivery: if MongoDB is away then, a
later delivery opens it afresh instead of failing on that first attempt for ever."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from pymongo.errors import ServerSelectionTimeoutError

from services.notifications import bootstrap
from tests.conftest import Names
from tests.integration.notifications.conftest import make_settings
from tests.support.tcp_proxy import TcpProxy, proxy_to


@pytest.fixture
async def mongo_proxy(mongodb_url: str) -> AsyncIterator[TcpProxy]:
    async with proxy_to(mongodb_url, default_port=27017, opened=False) as proxy:
        yield proxy


async def test_a_worker_that_found_mongodb_away_opens_it_for_the_next_delivery(
    names: Names, mongodb_url: str, amqp_url: str, mongo_proxy: TcpProxy
) -> None:
    url = f"mongodb://127.0.0.1:{mongo_proxy.port}/?directConnection=true&serverSelectionTimeoutMS=500"
    resources = bootstrap.WorkerResources(make_settings(names, url, amqp_url, smtp_port=1025))
    try:
        with pytest.raises(ServerSelectionTimeoutError):
            await resources.channels()

        await mongo_proxy.open()
        channels = await resources.channels()
        assert await channels.log.is_sent("no-such-delivery") is False
    finally:
        await resources.close()

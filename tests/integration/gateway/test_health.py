"""The gateway's probes: ready means it can serve requests; the live feed is reported apart."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest

from gateway.api.app import create_app
from gateway.settings import GatewaySettings
from tests.conftest import Names
from tests.integration.gateway._serving import serving
from tests.support.tcp_proxy import TcpProxy, proxy_to
from tests.support.waiting import wait_until


@pytest.fixture
async def broker_proxy(amqp_url: str) -> AsyncIterator[TcpProxy]:
    async with proxy_to(amqp_url, default_port=5672, opened=False) as proxy:
        yield proxy


def feed_gauge(metrics: str) -> float:
    found = re.search(r"^gateway_live_feed_connected (\S+)$", metrics, re.MULTILINE)
    assert found, "the gateway exports no live-feed gauge"
    return float(found.group(1))


async def test_a_broker_outage_leaves_the_gateway_ready_and_shows_in_its_feed_detail_and_metric(
    amqp_url: str, names: Names, broker_proxy: TcpProxy
) -> None:
    settings = GatewaySettings(
        amqp_url=broker_proxy.url_for(amqp_url), exchange=names.exchange, queue_prefix=names.queue_prefix
    )
    async with serving(create_app(settings)) as url, httpx.AsyncClient(base_url=url) as http:
        # The broker cannot be reached: queries and mutations still can be served.
        response = await http.get("/health/ready")
        assert response.status_code == 200
        assert response.json()["details"] == {"liveFeed": False}
        assert feed_gauge((await http.get("/metrics")).text) == 0

        # Once it can, the feed binds and says so.
        await broker_proxy.open()

        async def feed_up() -> bool:
            return bool((await http.get("/health/ready")).json()["details"]["liveFeed"])

        await wait_until(feed_up, timeout=20)
        assert feed_gauge((await http.get("/metrics")).text) == 1

        # And a later outage again leaves it ready.
        await broker_proxy.close()

        async def feed_down() -> bool:
            return not (await http.get("/health/ready")).json()["details"]["liveFeed"]

        await wait_until(feed_down, timeout=10)
        assert (await http.get("/health/ready")).status_code == 200
        assert feed_gauge((await http.get("/metrics")).text) == 0

"""Request rates per user and per client address: past its limit a caller gets 429 with
Retry-After and a GraphQL error it can read, while other callers, the probes and the metrics go
on. Counted in memory, and in Redis (shared by replicas) when REDIS_URL is set."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
import websockets

from gateway.adapters.tokens import issue_local_token
from gateway.api.app import create_app
from gateway.settings import GatewaySettings
from servicekit.identity import Identity
from tests.conftest import unavailable
from tests.integration.gateway._serving import serving

ANN = Identity(user_id="rate-ann", role="REP", team="north")
BOB = Identity(user_id="rate-bob", role="REP", team="north")
VIEWER = {"query": "{ viewer { role } }"}
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


def redis_url() -> str:
    url = os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    host, _, port = url.split("//")[-1].split("/")[0].split("@")[-1].partition(":")
    try:
        socket.create_connection((host, int(port or 6379)), timeout=3).close()
    except OSError:
        unavailable(f"Redis at {url} does not answer (REDIS_URL)")
    return url


@pytest.fixture(params=["memory", "redis"])
def storage(request) -> dict[str, Any]:
    """The settings that choose where the counters live, with a namespace of this test's own."""
    url = redis_url() if request.param == "redis" else None
    return {"redis_url": url, "rate_limit_namespace": f"t-{uuid.uuid4().hex[:12]}"}


def settings_with(storage: dict[str, Any], **rates: Any) -> GatewaySettings:
    return GatewaySettings(jwt_secret="a-test-secret-that-is-long-enough-for-hs256", **storage, **rates)


@asynccontextmanager
async def gateway(settings: GatewaySettings) -> AsyncIterator[str]:
    async with serving(create_app(settings)) as url:
        yield url


def client(url: str, address: str = "127.0.0.1") -> httpx.AsyncClient:
    """A client calling from ``address`` (any of 127.0.0.0/8 reaches the loopback server)."""
    return httpx.AsyncClient(
        base_url=url, timeout=10, transport=httpx.AsyncHTTPTransport(local_address=address),
        headers={"accept-language": "en"},
    )  # fmt: skip


async def ask(http: httpx.AsyncClient, settings: GatewaySettings, who: Identity | None) -> httpx.Response:
    headers = {"authorization": f"Bearer {issue_local_token(settings, who)}"} if who else {}
    return await http.post("/graphql", json=VIEWER, headers=headers)


def assert_rate_limited(response: httpx.Response) -> None:
    assert response.status_code == 429
    assert 1 <= int(response.headers["retry-after"]) <= 60
    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": "Too many requests; wait a moment and try again.",
                "extensions": {"code": "RATE_LIMITED"},
            }
        ],
    }


async def test_a_user_past_their_rate_waits_while_others_at_the_same_address_go_on(storage):
    settings = settings_with(storage, rate_limit_per_user="3/minute", rate_limit_per_address="")
    async with gateway(settings) as url, client(url) as http:
        served = [await ask(http, settings, ANN) for _ in range(3)]
        refused = await ask(http, settings, ANN)
        other_user = await ask(http, settings, BOB)

    assert [r.json() for r in served] == [{"data": {"viewer": {"role": "REP"}}}] * 3
    assert_rate_limited(refused)
    assert other_user.json() == {"data": {"viewer": {"role": "REP"}}}


async def test_an_address_past_its_rate_waits_whoever_calls_while_other_addresses_go_on(storage):
    settings = settings_with(storage, rate_limit_per_user="", rate_limit_per_address="3/minute")
    async with gateway(settings) as url, client(url) as http, client(url, "127.0.0.2") as elsewhere:
        served = [await ask(http, settings, who) for who in (ANN, BOB, ANN)]
        other_user = await ask(http, settings, BOB)
        anonymous = await ask(http, settings, None)  # refused before its missing token is noticed
        other_address = await ask(elsewhere, settings, ANN)
        probes = [(await http.get(path)).status_code for path in ("/health/live", "/metrics")]

    assert [r.status_code for r in served] == [200, 200, 200]
    assert_rate_limited(other_user)
    assert_rate_limited(anonymous)
    assert other_address.json() == {"data": {"viewer": {"role": "REP"}}}
    assert probes == [200, 200]


async def test_a_subscription_handshake_counts_against_its_address(storage):
    settings = settings_with(storage, rate_limit_per_user="", rate_limit_per_address="1/minute")
    async with gateway(settings) as url, client(url) as http:
        served = await ask(http, settings, ANN)
        with pytest.raises(websockets.InvalidStatus) as refused:
            async with websockets.connect(
                url.replace("http://", "ws://") + "/graphql",
                subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
            ):
                pass

    assert served.status_code == 200
    assert refused.value.response.status_code == 429
    assert 1 <= int(refused.value.response.headers["retry-after"]) <= 60


async def test_replicas_sharing_redis_count_the_same_hits():
    storage = {"redis_url": redis_url(), "rate_limit_namespace": f"t-{uuid.uuid4().hex[:12]}"}
    settings = settings_with(storage, rate_limit_per_user="3/minute", rate_limit_per_address="")
    async with (
        gateway(settings) as first,
        gateway(settings) as second,
        client(first) as one,
        client(second) as two,
    ):
        served = [await ask(one, settings, ANN), await ask(two, settings, ANN), await ask(one, settings, ANN)]
        refused = await ask(two, settings, ANN)

    assert [r.status_code for r in served] == [200, 200, 200]
    assert_rate_limited(refused)


async def test_the_default_rates_let_a_busy_console_session_through():
    settings = GatewaySettings(jwt_secret="a-test-secret-that-is-long-enough-for-hs256")
    async with gateway(settings) as url, client(url) as http:
        answers = [await ask(http, settings, ANN) for _ in range(200)]
    assert {r.status_code for r in answers} == {200}

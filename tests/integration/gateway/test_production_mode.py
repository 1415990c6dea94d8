"""Production mode tells a caller no more about the schema than the queries it may send."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from gateway.adapters.tokens import issue_local_token
from gateway.api.app import create_app
from gateway.settings import GatewaySettings
from servicekit.identity import Identity
from tests.integration.gateway._serving import serving

SECRETS: dict[str, Any] = {
    "jwt_secret": "a-test-secret-that-is-long-enough-for-hs256",
    "internal_secret": "a-test-internal-secret-of-at-least-32-bytes",
}
REP = Identity(user_id="rep-1", role="REP", team="north")

MISSPELT = {
    "a field": ("{ viewr { role } }", "'viewer'"),
    "a nested field": ("{ viewer { rol } }", "'role'"),
    "an argument": ("{ opportunities(frist: 5) { totalCount } }", "'first'"),
}


async def error_messages(production: bool, query: str) -> list[str]:
    settings = GatewaySettings(production=production, **SECRETS)
    headers = {"authorization": f"Bearer {issue_local_token(settings, REP)}"}
    async with serving(create_app(settings)) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
        response = await client.post("/graphql", json={"query": query}, headers=headers)
    body = response.json()
    assert {e["extensions"]["code"] for e in body["errors"]} == {"GRAPHQL_VALIDATION_FAILED"}
    return [e["message"] for e in body["errors"]]


@pytest.mark.parametrize("name", list(MISSPELT))
async def test_a_misspelt_name_gets_no_suggestion_in_production(name):
    query, _ = MISSPELT[name]
    messages = await error_messages(True, query)
    assert messages
    assert not [m for m in messages if "Did you mean" in m], messages


@pytest.mark.parametrize("name", list(MISSPELT))
async def test_a_misspelt_name_gets_a_suggestion_in_development(name):
    query, suggestion = MISSPELT[name]
    messages = await error_messages(False, query)
    assert [m for m in messages if f"Did you mean {suggestion}" in m], messages

"""The demo data ``make dev`` seeds through the gateway (filled in as the service APIs land)."""

from __future__ import annotations

from gateway.adapters.tokens import issue_local_token
from gateway.settings import GatewaySettings
from servicekit.identity import SYSTEM


async def seed_demo(gateway_url: str) -> str:
    """Seeds the demo if it is not there yet; returns a token to try the API with."""
    del gateway_url
    return issue_local_token(GatewaySettings(), SYSTEM)

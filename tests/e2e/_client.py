"""The front end's side: GraphQL over HTTP with a bearer token, and graphql-transport-ws."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from gateway.adapters.tokens import issue_local_token
from gateway.settings import GatewaySettings
from servicekit.identity import Identity
from tests.e2e._system import JWT_SECRET

SETTINGS = GatewaySettings(jwt_secret=JWT_SECRET)


class FrontEnd:
    def __init__(self, http: httpx.AsyncClient, identity: Identity) -> None:
        self.http = http
        self.identity = identity
        self.token = issue_local_token(SETTINGS, identity)

    async def ask(self, query: str, **variables: Any) -> dict[str, Any]:
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables},
            headers={"authorization": f"Bearer {self.token}"},
        )  # fmt: skip
        body: dict[str, Any] = response.json()
        return body

    async def __call__(self, query: str, **variables: Any) -> dict[str, Any]:
        body = await self.ask(query, **variables)
        assert not body.get("errors"), body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    async def eventually(
        self, query: str, check: Any, timeout: float = 60, **variables: Any
    ) -> dict[str, Any]:
        """Ask until ``check(data)`` holds: read models and alerts follow the bus by a moment."""
        async with asyncio.timeout(timeout):
            while True:
                body = await self.ask(query, **variables)
                if not body.get("errors") and check(body["data"]):
                    data: dict[str, Any] = body["data"]
                    return data
                await asyncio.sleep(0.3)

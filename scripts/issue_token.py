"""``python -m scripts.issue_token <email or user id>``: a local (HS256) access token for a user
of the running system, with their role and team, to send as ``Authorization: Bearer <token>``."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import httpx

from gateway.settings import GatewaySettings
from scripts._seed import token_for
from servicekit.identity import IDENTITY_HEADER, SYSTEM, sign_identity


async def find_user(settings: GatewaySettings, who: str) -> dict[str, Any] | None:
    """Asks the opportunity service directly, as the system, so no token is needed to get one."""
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.post(
            settings.opportunity_url,
            json={"query": "{ users { id name email role team active } }"},
            headers={IDENTITY_HEADER: sign_identity(SYSTEM, settings.internal_secret.get_secret_value())},
        )
    users: list[dict[str, Any]] = response.json()["data"]["users"]
    return next((u for u in users if who in (u["id"], u["email"])), None)


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m scripts.issue_token <email or user id>")
    settings = GatewaySettings()
    user = asyncio.run(find_user(settings, sys.argv[1]))
    if user is None:
        raise SystemExit(f"no user {sys.argv[1]!r} (is `make dev` running and seeded?)")
    if not user["active"]:
        raise SystemExit(f"{user['email']} has been deactivated")
    print(token_for(settings, user))


if __name__ == "__main__":
    main()

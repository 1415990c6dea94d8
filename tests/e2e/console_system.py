"""``python -m tests.e2e.console_system``: the whole system, as ``make dev`` runs it, for the web
console's browser tests (web/e2e): every process on free ports with names of its own, the
embedded database (or ``MONGODB_URL``), the built console served by the gateway, and the demo
seeded. Prints one JSON line with the gateway's URL and the event exchange's name, then runs
until its standard input closes.

Beside it, a second gateway on the same services signs people in as production does: in
production mode, access tokens checked against the JWKS of a small test identity provider
(``oidc_provider.py``), the console told to use that provider, no "sign in as" page. The JSON
line names both (``oidcUrl``, ``identityProvider``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from gateway.settings import GatewaySettings
from scripts._processes import ROOT
from scripts._seed import seed_demo
from tests.conftest import DEFAULT_AMQP_URL, mongodb_server
from tests.e2e._system import JWT_SECRET, RunningSystem, free_port, running_processes
from tests.e2e.oidc_provider import Client, Provider, RunningProvider
from tests.support.rabbit import delete_test_objects


def main() -> None:
    amqp_url = os.environ.get("AMQP_URL", DEFAULT_AMQP_URL)
    console = os.environ.get("CONSOLE_DIR", str(ROOT / "web" / "dist"))
    logs = Path(tempfile.mkdtemp(prefix="pipewise-console-e2e-"))
    try:
        with (
            mongodb_server() as mongodb_url,
            running_processes(mongodb_url, amqp_url, logs, CONSOLE_DIR=console) as system,
        ):
            settings = GatewaySettings(jwt_secret=JWT_SECRET)
            with contextlib.redirect_stdout(sys.stderr):  # the seed's progress stays off the JSON line
                asyncio.run(seed_demo(f"{system.gateway_url}/graphql", settings))
            with signing_in_with_oidc(system) as (oidc_url, issuer):
                line = {
                    "url": system.gateway_url,
                    "exchange": system.envs["gateway.gateway"]["EXCHANGE"],
                    "oidcUrl": oidc_url,
                    "identityProvider": issuer,
                }
                print(json.dumps({**line, "logs": str(logs)}), flush=True)
                sys.stdin.read()  # until the browser tests close it (or die)
    finally:
        with contextlib.suppress(Exception):
            asyncio.run(delete_test_objects(amqp_url))


CLIENT_ID = "pipewise-console"


@contextlib.contextmanager
def signing_in_with_oidc(system: RunningSystem) -> Iterator[tuple[str, str]]:
    """A production-mode gateway trusting a test identity provider that knows the seeded users."""
    issuer = f"http://127.0.0.1:{free_port()}"
    users: list[dict[str, Any]] = httpx.get(f"{system.gateway_url}/console/dev/users").json()["users"]
    gateway_url = system.start_another_gateway(
        PRODUCTION="true", JWT_ALGORITHM="RS256", JWKS_URL=f"{issuer}/jwks", JWT_ISSUER=issuer,
        OIDC_ISSUER=issuer, OIDC_CLIENT_ID=CLIENT_ID,
    )  # fmt: skip
    client = Client(CLIENT_ID, (f"{gateway_url}/auth/callback",), (f"{gateway_url}/",))
    provider = RunningProvider(
        Provider(issuer, client, lambda: users, audience=GatewaySettings().jwt_audience),
        int(issuer.rsplit(":", 1)[1]),
        allowed_origins=[gateway_url],
    )
    provider.start()
    try:
        yield gateway_url, issuer
    finally:
        provider.stop()


if __name__ == "__main__":
    main()

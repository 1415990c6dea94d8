"""``python -m tests.e2e.console_system``: the whole system, as ``make dev`` runs it, for the web
console's browser tests (web/e2e): every process on free ports with names of its own, the
embedded database (or ``MONGODB_URL``), the built console served by the gateway, and the demo
seeded. Prints one JSON line with the gateway's URL and the event exchange's name, then runs
until its standard input closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import tempfile
from pathlib import Path

from gateway.settings import GatewaySettings
from scripts._processes import ROOT
from scripts._seed import seed_demo
from tests.conftest import DEFAULT_AMQP_URL, mongodb_server
from tests.e2e._system import JWT_SECRET, running_processes
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
            ready = {
                "url": system.gateway_url,
                "logs": str(logs),
                "exchange": system.envs["gateway.gateway"]["EXCHANGE"],
            }
            print(json.dumps(ready), flush=True)
            sys.stdin.read()  # until the browser tests close it (or die)
    finally:
        with contextlib.suppress(Exception):
            asyncio.run(delete_test_objects(amqp_url))


if __name__ == "__main__":
    main()

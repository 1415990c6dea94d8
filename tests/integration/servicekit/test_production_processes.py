"""Every process of the system, started in production mode with the published development
secrets, refuses to start and says which variable to set. So a token minted with the default
HS256 secret is never accepted in production: no gateway runs with that secret."""

from __future__ import annotations

import asyncio
import os
import sys

import pytest

from scripts._processes import base_env, discover
from tests.integration.gateway._serving import free_port

pytestmark = pytest.mark.timeout(180)

STRONG = "k3y-" + "x" * 40
UNSET = ("INTERNAL_SECRET", "JWT_SECRET", "WEBHOOK_SECRET", "WEBHOOK_URL", "JWT_ALGORITHM", "JWKS_URL")


def production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in base_env().items() if k not in UNSET}
    # Nothing is reachable there: a process that wrongly starts touches no one's broker or data.
    nowhere = free_port()
    env |= {
        "PRODUCTION": "true", "LOG_JSON": "false",
        "MONGODB_URL": f"mongodb://127.0.0.1:{nowhere}/?directConnection=true&serverSelectionTimeoutMS=500",
        "AMQP_URL": f"amqp://guest:guest@127.0.0.1:{nowhere}/",
        "PORT": str(free_port()),
        **extra,
    }  # fmt: skip
    return env


async def run_briefly(module: str, env: dict[str, str]) -> tuple[int | None, str]:
    """The exit code (None if still running after 60 s, then stopped) and what it wrote."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", module, env=env, cwd=os.getcwd(),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    try:
        output, _ = await asyncio.wait_for(process.communicate(), timeout=60)
    except TimeoutError:
        process.kill()
        output, _ = await process.communicate()
        return None, output.decode(errors="replace")
    return process.returncode, output.decode(errors="replace")


async def test_every_process_refuses_the_default_secrets_in_production():
    specs = discover()
    assert len(specs) >= 8  # API, relay, consumers, scheduler, worker, gateway
    results = await asyncio.gather(*(run_briefly(spec.module, production_env()) for spec in specs))
    for spec, (code, output) in zip(specs, results, strict=True):
        assert code not in (None, 0), f"{spec.label} started in production with the default secrets"
        assert "INTERNAL_SECRET is a published development default" in output, (spec.label, output[-2000:])


async def test_the_gateway_will_not_run_with_the_default_jwt_secret_in_production():
    code, output = await run_briefly("gateway.entrypoints.app", production_env(INTERNAL_SECRET=STRONG))
    assert code not in (None, 0)
    assert "JWT_SECRET is a published development default" in output

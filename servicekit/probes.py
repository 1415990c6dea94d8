"""Liveness, readiness and Prometheus metrics, for HTTP apps and for worker processes."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping

import uvicorn
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

ReadinessCheck = Callable[[], Awaitable[bool]]


def probe_routes(checks: Mapping[str, ReadinessCheck]) -> list[Route]:
    """``/health/live`` answers while the process runs; ``/health/ready`` runs every check
    (each with a short time-out) and answers 503 naming the ones that failed."""

    async def live(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def ready(_: Request) -> Response:
        results: dict[str, bool] = {}
        for name, check in checks.items():
            try:
                results[name] = bool(await asyncio.wait_for(check(), timeout=2.0))
            except Exception:
                results[name] = False
        ok = all(results.values())
        return JSONResponse(
            {"status": "ok" if ok else "unavailable", "checks": results},
            status_code=200 if ok else 503,
        )

    async def metrics(_: Request) -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return [
        Route("/health/live", live),
        Route("/health/ready", ready),
        Route("/metrics", metrics),
    ]


async def serve_probes(host: str, port: int, checks: Mapping[str, ReadinessCheck]) -> None:
    """Serve the probe routes from a worker process (relay, consumer, scheduler)."""
    app = Starlette(routes=probe_routes(checks))
    config = uvicorn.Config(app, host=host, port=port, log_config=None, access_log=False)
    await uvicorn.Server(config).serve()


def mongo_ping(client: object) -> ReadinessCheck:
    async def check() -> bool:
        await client.admin.command("ping")  # type: ignore[attr-defined]
        return True

    return check

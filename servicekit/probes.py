"""Liveness, readiness and Prometheus metrics, for HTTP apps and for worker processes."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Awaitable, Callable, Iterator, Mapping

import uvicorn
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from servicekit.reconnect import Stopped

ReadinessCheck = Callable[[], Awaitable[bool]]


def probe_routes(
    checks: Mapping[str, ReadinessCheck], details: Mapping[str, ReadinessCheck] | None = None
) -> list[Route]:
    """``/health/live`` answers while the process runs; ``/health/ready`` runs every check
    (each with a short time-out) and answers 503 naming the ones that failed. ``details`` are
    run and reported the same way but do not decide readiness: what works only in part without
    them (a gateway's live feed) must not take the process out of service."""

    async def live(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def ready(_: Request) -> Response:
        results = await _run(checks)
        ok = all(results.values())
        body: dict[str, object] = {"status": "ok" if ok else "unavailable", "checks": results}
        if details:
            body["details"] = await _run(details)
        return JSONResponse(body, status_code=200 if ok else 503)

    async def metrics(_: Request) -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return [
        Route("/health/live", live),
        Route("/health/ready", ready),
        Route("/metrics", metrics),
    ]


async def _run(checks: Mapping[str, ReadinessCheck]) -> dict[str, bool]:
    # Concurrently, so one slow dependency does not spend the others' time-out.
    answers = await asyncio.gather(*(_answer(check) for check in checks.values()))
    return dict(zip(checks, answers, strict=True))


async def _answer(check: ReadinessCheck) -> bool:
    try:
        return bool(await asyncio.wait_for(check(), timeout=2.0))
    except Exception:
        return False


class _ProbeServer(uvicorn.Server):
    """A uvicorn server that leaves the signals to the process, which stops it itself."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def stop_on_signals(stop: asyncio.Event) -> None:
    """SIGINT and SIGTERM ask the process to finish its work and stop."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)


async def run_with_probes(
    work: Callable[[asyncio.Event], Awaitable[None]],
    *,
    host: str,
    port: int,
    checks: Mapping[str, ReadinessCheck],
    stop: asyncio.Event | None = None,
) -> None:
    """Run ``work(stop)`` in a worker process (relay, consumer, scheduler) beside
    ``/health/live``, ``/health/ready`` and ``/metrics``; the probes stop cleanly when the work
    ends, for whatever reason. The probes answer from the start: ``work`` opens its
    dependencies itself, retrying them (``servicekit.reconnect``), while readiness says no.
    Without a ``stop`` event, one is made and set on SIGINT/SIGTERM."""
    if stop is None:
        stop = asyncio.Event()
        stop_on_signals(stop)
    app = Starlette(routes=probe_routes(checks))
    server = _ProbeServer(uvicorn.Config(app, host=host, port=port, log_config=None, access_log=False))
    probes = asyncio.create_task(server.serve())
    try:
        await work(stop)
    except Stopped:
        pass  # stopped while still waiting for a dependency
    finally:
        server.should_exit = True  # a graceful stop rather than a cancelled lifespan
        await probes


def mongo_ping(client: object) -> ReadinessCheck:
    async def check() -> bool:
        await client.admin.command("ping")  # type: ignore[attr-defined]
        return True

    return check

"""Run the opportunity API as its own process (the real entry point) for benchmarks."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from tests.conftest import free_port

SECRET = "bench-internal-secret-32-bytes-long!"


@contextmanager
def api_process(mongodb_url: str, database: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = free_port()
    env = {
        **os.environ,
        "MONGODB_URL": mongodb_url,
        "OPPORTUNITY_DATABASE": database,
        "PORT": str(port),
        "INTERNAL_SECRET": SECRET,
        "LOG_LEVEL": "WARNING",
    }
    proc = subprocess.Popen([sys.executable, "-m", "services.opportunity.entrypoints.api"], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health/ready", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("the API process did not become ready")
            time.sleep(0.2)
        yield base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


async def run_concurrently(count: int, concurrency: int, job: object, *, start: int = 0) -> float:
    """Run ``job(i)`` for i in range(start, start + count) with ``concurrency`` workers; returns
    the seconds taken."""
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(start, start + count):
        queue.put_nowait(i)

    async def worker() -> None:
        while not queue.empty():
            await job(queue.get_nowait())  # type: ignore[operator]

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - started

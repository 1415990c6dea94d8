"""The shell every process runs in, so that each entry point reads the same way:

    PROCESS = process("reporting", "api")          # its row in deploy/processes.py

    def main() -> None:
        settings = ReportingSettings()              # read once from the environment
        shell.begin(settings, PROCESS)              # JSON logs and traces named after it
        shell.serve(create_app(settings), settings, PROCESS)   # or: asyncio.run(run(settings))

Every process listens on ``LISTEN_HOST`` at ``PORT`` (unset: the table's port for it), an API
beside its probes, a worker its probes alone (``run_worker``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import Protocol

import uvicorn
from starlette.applications import Starlette

from servicekit import tracing
from servicekit.logs import configure_logging
from servicekit.probes import ReadinessCheck, run_with_probes
from servicekit.settings import CommonSettings


class ProcessRow(Protocol):
    """What the shell needs of a process's row in the process table."""

    @property
    def id(self) -> str: ...

    @property
    def port(self) -> int: ...


def begin(settings: CommonSettings, process: ProcessRow) -> None:
    """Logs and traces, named after the process; call first in ``main``."""
    configure_logging(process.id, settings.log_level, json=settings.log_json)
    tracing.configure_tracing(process.id)


def serve(app: Starlette, settings: CommonSettings, process: ProcessRow) -> None:
    """Serve an HTTP app (its probes are among its routes) until SIGINT or SIGTERM."""
    tracing.instrument_app(app)
    uvicorn.run(
        app,
        host=settings.listen_host,
        port=settings.port_or(process.port),
        log_config=None,
        access_log=False,
    )


async def run_worker(
    work: Callable[[asyncio.Event], Awaitable[None]],
    settings: CommonSettings,
    process: ProcessRow,
    checks: Mapping[str, ReadinessCheck],
    stop: asyncio.Event | None = None,
) -> None:
    """Run a worker's ``work(stop)`` beside its probes (``servicekit.probes.run_with_probes``)."""
    await run_with_probes(
        work, host=settings.listen_host, port=settings.port_or(process.port), checks=checks, stop=stop
    )

"""Work that outlives the request that started it, such as an import job, as asyncio tasks.

Strong references are kept until a task ends (the event loop keeps only weak ones), and a
failure is logged. An import cut short keeps its progress; the next start of the API (or
``import_cli --resume``) carries it on.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from servicekit.logs import get_logger

log = get_logger(__name__)


class AsyncioBackground:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def start(self, work: Coroutine[Any, Any, Any], name: str) -> None:
        task = asyncio.get_running_loop().create_task(work, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("background task failed", task=task.get_name(), error=repr(task.exception()))

    async def close(self) -> None:
        """Stop what is still running (at shutdown, before the database client closes). A stopped
        import keeps its progress, is queued again, and is carried on by the next start."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def wait(self) -> None:
        """Until every started task has ended (tests and orderly shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

"""Reading a change stream ahead of the code that acts on it.

A change stream's ``try_next`` answers at once while the driver holds changes, and otherwise
waits on the server (up to the stream's ``max_await_time_ms``) for the next one. Reading a whole
batch with it therefore ends in such a wait every time: each batch, even of one change, would
sit out the await window before its consumer saw it. Here a task reads all along into a bounded
queue, so a change is handed over the moment it is read, and whatever arrives while the consumer
is busy is handed over with the next batch.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pymongo.asynchronous.change_stream import AsyncChangeStream

from servicekit.mongo import Document


class StreamEnded(Exception):
    """The stream will show nothing more; a new one must be opened."""


@dataclass(frozen=True)
class Quiet:
    """The stream had nothing more when read; ``token`` resumes it after every change read
    before this mark (the changes in front of it in the queue)."""

    token: Mapping[str, Any] | None


class StreamReader:
    """Reads ``stream`` in a task of its own, at most ``ahead`` changes ahead of ``take``."""

    def __init__(self, stream: AsyncChangeStream[Document], ahead: int) -> None:
        self._stream = stream
        self._queue: asyncio.Queue[Document | Quiet] = asyncio.Queue(maxsize=ahead)
        self._task = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        while True:
            change = await self._stream.try_next()
            if change is None and not self._stream.alive:
                # Invalidated (its collection dropped or renamed): it would answer None forever.
                raise StreamEnded("the change stream ended")
            # The token is read before any other await: no change can come between the two.
            await self._queue.put(change if change is not None else Quiet(self._stream.resume_token))

    async def take(self, limit: int) -> tuple[list[Document], Quiet | None]:
        """Waits for the next change or quiet mark, then takes what else is already read (up to
        ``limit`` changes). Returns the changes in stream order, and the quiet mark when the
        last thing taken was one. Raises what stopped the reading task."""
        getting = asyncio.ensure_future(self._queue.get())
        try:
            await asyncio.wait({getting, self._task}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            getting.cancel()
        if not getting.done() or getting.cancelled():
            self._task.result()  # its error
            raise RuntimeError("the change stream reader stopped")
        last = getting.result()
        changes = [] if isinstance(last, Quiet) else [last]
        while len(changes) < limit and not self._queue.empty():
            last = self._queue.get_nowait()
            if not isinstance(last, Quiet):
                changes.append(last)
        return changes, last if isinstance(last, Quiet) else None

    async def close(self) -> None:
        self._task.cancel()
        with contextlib.suppress(BaseException):
            await self._task

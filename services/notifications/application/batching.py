"""Gathers the events the consumer is handling at the same moment into one transaction.

The consumer hands over up to its prefetch count of messages concurrently; each call here
waits while the current batch is written, and the calls that arrived meanwhile form the next
batch. A batch that fails is retried one event at a time, so a poison message fails alone
(and is dead-lettered by the broker) while the others are applied.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence

from pydantic import BaseModel

from contracts.envelope import CloudEvent

Item = tuple[CloudEvent, BaseModel]
ApplyBatch = Callable[[Sequence[Item]], Awaitable[None]]


class BatchingHandler:
    def __init__(self, apply: ApplyBatch, *, max_batch: int = 256) -> None:
        self._apply = apply
        self._max_batch = max_batch
        self._waiting: list[tuple[Item, asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def __call__(self, event: CloudEvent, payload: BaseModel) -> None:
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append(((event, payload), done))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_while_waiting())
        await done

    async def _write_while_waiting(self) -> None:
        # Let the deliveries already received call in before the first batch is cut.
        await asyncio.sleep(0)
        while self._waiting:
            batch, self._waiting = self._waiting[: self._max_batch], self._waiting[self._max_batch :]
            try:
                await self._apply([item for item, _ in batch])
            except Exception:
                await self._one_by_one(batch)
            else:
                for _, done in batch:
                    if not done.done():
                        done.set_result(None)

    async def _one_by_one(self, batch: list[tuple[Item, asyncio.Future[None]]]) -> None:
        for item, done in batch:
            try:
                await self._apply([item])
            except Exception as exc:
                if not done.done():
                    done.set_exception(exc)
            else:
                if not done.done():
                    done.set_result(None)

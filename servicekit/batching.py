"""Gathers the deliveries a consumer hands over at the same moment into one batch, for event
handlers that apply many events with one round trip (the notifications intake, the reporting
projection).

The consumer hands over up to its prefetch count of messages concurrently; each call here waits
while the current batch is applied, and the calls that arrived meanwhile form the next one. So a
replica applies one batch at a time (it never races itself), and the busier the queue the larger
the batch. A burst of events about distinct subjects (an import, a bulk assignment) is cut into
smaller batches (``burst_batch``): one large batch would gain nothing, as each subject is
written once either way, while a small one is written by the database as the next arrives.

A batch that fails is retried one event at a time, so a poison message fails alone (the broker
dead-letters it after its delivery limit) while the others are applied; unless the database is
unreachable, when the whole batch fails at once and is redelivered.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

from opentelemetry.trace import Span

from contracts.envelope import CloudEvent
from servicekit import tracing
from servicekit.logs import get_logger

P = TypeVar("P")
"""The payload a handler receives beside the envelope."""

log = get_logger(__name__)


class BatchingHandler(Generic[P]):
    """A consumer handler (``await handler(envelope, payload)``) that applies events in batches."""

    def __init__(
        self,
        apply: Callable[[Sequence[tuple[CloudEvent, P]]], Awaitable[None]],
        *,
        max_batch: int,
        linger: float = 0.005,
        max_gather: float = 0.1,
        burst_batch: int | None = None,
        unavailable: Callable[[Exception], bool] = lambda exc: False,
    ) -> None:
        """``burst_batch``: a batch whose first this many events are about distinct subjects
        closes there (``None``: batches grow to ``max_batch`` whatever their subjects). A
        subject repeated within them lets the batch grow, to fold its events into one write.

        ``unavailable(error)``: the error says the database cannot be reached, so every event
        of the batch would fail alike and retrying them one by one would only wait out a
        timeout for each; the whole batch fails at once and is redelivered."""
        self._apply = apply
        self._unavailable = unavailable
        self._max_batch = max_batch
        self._burst_batch = burst_batch if burst_batch is not None and burst_batch < max_batch else None
        self._linger = linger
        self._max_gather = max_gather
        self._arrived = asyncio.Event()
        self._waiting: list[tuple[tuple[CloudEvent, P], asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None
        self._spans: dict[asyncio.Future[None], Span] = {}
        """While tracing is on: each waiting event's span (its consumer span)."""

    def __call__(self, event: CloudEvent, payload: P) -> asyncio.Future[None]:
        """Queue the event for the next batch; the future resolves once its batch is applied (a
        future rather than a coroutine: the consumer settles the delivery from its callback)."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append(((event, payload), done))
        if tracing.enabled:
            self._spans[done] = tracing.current_span()
        self._arrived.set()
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._apply_while_waiting())
        return done

    async def _apply_while_waiting(self) -> None:
        await self._gather()
        while self._waiting:
            size = self._next_batch_size()
            batch, self._waiting = self._waiting[:size], self._waiting[size:]
            try:
                await self._apply_batch(batch)
            except Exception as exc:
                if self._unavailable(exc):
                    log.warning("database unreachable; batch requeued", events=len(batch), error=repr(exc))
                    _settle(batch, exc)
                else:
                    log.warning(
                        "batch failed; applying its events one by one", events=len(batch), error=repr(exc)
                    )
                    await self._one_by_one(batch)
            else:
                _settle(batch, None)
            finally:
                if self._spans:
                    for _, done in batch:
                        self._spans.pop(done, None)

    async def _apply_batch(self, batch: Sequence[tuple[tuple[CloudEvent, P], asyncio.Future[None]]]) -> None:
        items = [item for item, _ in batch]
        span = self._spans.get(batch[0][1]) if self._spans else None
        if span is None:
            await self._apply(items)
            return
        # The writer task began in the context of whichever event came first, maybe long ago:
        # the batch's database work goes into the trace of its own first event instead.
        token = tracing.activate(span)
        try:
            await self._apply(items)
        finally:
            tracing.deactivate(token)

    async def _gather(self) -> None:
        """Before the first batch, wait while deliveries keep arriving (each within ``linger``
        of the previous one, for ``max_gather`` seconds at most): a backlog then starts with a full
        batch instead of a run of small ones, each costing a write per opportunity, while a
        lone event waits ``linger`` at most."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._max_gather
        waiting = 0
        burst = self._burst_batch
        burst_checked = False  # once: meanwhile the events waiting only grow at the end
        while waiting < len(self._waiting) < self._max_batch and loop.time() < deadline:
            if burst is not None and not burst_checked and len(self._waiting) >= burst:
                if self._distinct_ahead(burst):
                    return
                burst_checked = True
            waiting = len(self._waiting)
            self._arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), self._linger)

    def _next_batch_size(self) -> int:
        burst = self._burst_batch
        if burst is not None and len(self._waiting) > burst and self._distinct_ahead(burst):
            return burst
        return self._max_batch

    def _distinct_ahead(self, count: int) -> bool:
        """The next ``count`` events waiting are about distinct subjects."""
        return len({event.subject for (event, _), _ in self._waiting[:count]}) == count

    async def _one_by_one(self, batch: list[tuple[tuple[CloudEvent, P], asyncio.Future[None]]]) -> None:
        for index, (item, done) in enumerate(batch):
            try:
                await self._apply_batch([(item, done)])
            except Exception as exc:
                if self._unavailable(exc):
                    _settle(batch[index:], exc)
                    return
                _settle([(item, done)], exc)
            else:
                _settle([(item, done)], None)


def _settle(batch: Sequence[tuple[object, asyncio.Future[None]]], error: Exception | None) -> None:
    for _, done in batch:
        if done.done():  # the delivery's handler was cancelled (its replica is shutting down)
            continue
        if error is None:
            done.set_result(None)
        else:
            done.set_exception(error)

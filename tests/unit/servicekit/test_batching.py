"""Deliveries handled at the same moment are one batch; a lone one is not held back."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime

from pydantic import BaseModel

from contracts.envelope import CloudEvent
from servicekit.batching import BatchingHandler


def event(subject: str) -> CloudEvent:
    return CloudEvent(
        id=subject, source="/test", type="opportunity.updated", subject=subject,
        time=datetime(2026, 3, 2, tzinfo=UTC), sequence=1, data={},
    )  # fmt: skip


class Recorder:
    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    async def apply(self, batch: Sequence[tuple[CloudEvent, BaseModel | None]]) -> None:
        self.batches.append([e.subject for e, _ in batch])
        await asyncio.sleep(0.01)  # a database round trip, during which more deliveries arrive


async def test_deliveries_arriving_together_are_one_batch() -> None:
    recorder = Recorder()
    handler = BatchingHandler(recorder.apply, max_batch=100)
    await asyncio.gather(*(handler(event(f"opp-{i}"), None) for i in range(5)))
    assert recorder.batches == [[f"opp-{i}" for i in range(5)]]


async def test_a_backlog_arriving_in_bursts_starts_with_a_full_batch() -> None:
    recorder = Recorder()
    handler = BatchingHandler(recorder.apply, max_batch=30, linger=1, max_gather=10)

    async def bursts() -> None:
        calls: list[asyncio.Future[None]] = []
        for burst in range(6):  # as the network hands them over: a few at a time
            calls += [handler(event(f"opp-{burst}-{i}"), None) for i in range(10)]
            await asyncio.sleep(0)
        await asyncio.gather(*calls)

    await bursts()
    assert [len(b) for b in recorder.batches] == [30, 30]


async def test_a_lone_delivery_does_not_wait_for_company() -> None:
    recorder = Recorder()
    handler = BatchingHandler(recorder.apply, max_batch=100, linger=0.02)
    await asyncio.wait_for(handler(event("opp-1"), None), timeout=2)
    assert recorder.batches == [["opp-1"]]


async def test_a_batch_never_exceeds_its_limit() -> None:
    recorder = Recorder()
    handler = BatchingHandler(recorder.apply, max_batch=2, burst_batch=4)
    await asyncio.gather(*(handler(event(f"opp-{i}"), None) for i in range(5)))
    assert [len(b) for b in recorder.batches] == [2, 2, 1]


async def test_a_burst_about_distinct_subjects_goes_in_smaller_batches() -> None:
    recorder = Recorder()
    handler = BatchingHandler(recorder.apply, max_batch=100, burst_batch=4)
    await asyncio.gather(*(handler(event(f"opp-{i}"), None) for i in range(10)))
    assert recorder.batches == [[f"opp-{i}" for i in range(start, min(start + 4, 10))] for start in (0, 4, 8)]


async def test_a_subject_seen_twice_lets_the_batch_grow_to_fold_its_events() -> None:
    recorder = Recorder()
    handler = BatchingHandler(recorder.apply, max_batch=100, burst_batch=4)
    subjects = ["opp-1", "opp-2", "opp-1", *(f"opp-{i}" for i in range(3, 10))]
    await asyncio.gather(*(handler(event(s), None) for s in subjects))
    assert recorder.batches == [subjects]


async def test_a_burst_cut_short_still_waits_for_its_first_batch_to_fill() -> None:
    recorder = Recorder()
    handler = BatchingHandler(recorder.apply, max_batch=100, burst_batch=8, linger=1, max_gather=10)
    calls: list[asyncio.Future[None]] = []
    for burst in range(3):  # a few at a time, as the network hands them over
        calls += [handler(event(f"opp-{burst}-{i}"), None) for i in range(3)]
        await asyncio.sleep(0)
    await asyncio.gather(*calls)
    assert [len(b) for b in recorder.batches] == [8, 1]


class Unreachable(Exception):
    pass


async def test_a_batch_fails_at_once_when_the_database_is_unreachable() -> None:
    calls: list[int] = []

    async def apply(batch: Sequence[tuple[CloudEvent, BaseModel | None]]) -> None:
        calls.append(len(batch))
        raise Unreachable("no server")

    handler = BatchingHandler(apply, max_batch=100, unavailable=lambda exc: isinstance(exc, Unreachable))
    results = await asyncio.gather(
        *(handler(event(f"opp-{i}"), None) for i in range(5)), return_exceptions=True
    )
    assert all(isinstance(r, Unreachable) for r in results)
    assert calls == [5]  # not retried one by one, each waiting out its own timeout


async def test_a_poison_event_fails_alone() -> None:
    applied: list[str] = []

    async def apply(batch: Sequence[tuple[CloudEvent, BaseModel | None]]) -> None:
        if any(e.subject == "poison" for e, _ in batch):
            raise ValueError("cannot project poison")
        applied.extend(e.subject for e, _ in batch)

    handler = BatchingHandler(apply, max_batch=100)
    results = await asyncio.gather(
        *(handler(event(s), None) for s in ("opp-1", "poison", "opp-2")), return_exceptions=True
    )
    assert [isinstance(r, ValueError) for r in results] == [False, True, False]
    assert applied == ["opp-1", "opp-2"]

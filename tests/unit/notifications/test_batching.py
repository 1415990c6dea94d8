"""Events handled at the same moment share a transaction; a failing one fails alone."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime

from pydantic import BaseModel

from contracts import CloudEvent
from services.notifications.application.batching import BatchingHandler


class Nothing(BaseModel):
    pass


def event(subject: str) -> CloudEvent:
    return CloudEvent(
        id=subject, source="/test", type="opportunity.updated", subject=subject,
        time=datetime(2026, 3, 2, tzinfo=UTC), sequence=1, data={},
    )  # fmt: skip


class Store:
    def __init__(self) -> None:
        self.batches: list[list[str]] = []
        self.applied: list[str] = []

    async def apply(self, batch: Sequence[tuple[CloudEvent, BaseModel]]) -> None:
        subjects = [e.subject for e, _ in batch]
        self.batches.append(subjects)
        if "poison" in subjects:
            raise RuntimeError("cannot apply poison")
        self.applied += subjects


async def test_events_arriving_together_are_applied_in_one_batch_in_order() -> None:
    store = Store()
    handler = BatchingHandler(store.apply)
    await asyncio.gather(*(handler(event(f"opp-{i}"), Nothing()) for i in range(5)))
    assert store.batches == [[f"opp-{i}" for i in range(5)]]


async def test_a_failing_event_fails_alone_and_the_rest_are_applied() -> None:
    store = Store()
    handler = BatchingHandler(store.apply)
    results = await asyncio.gather(
        *(handler(event(s), Nothing()) for s in ("opp-1", "poison", "opp-2")), return_exceptions=True
    )
    assert [type(r).__name__ for r in results] == ["NoneType", "RuntimeError", "NoneType"]
    assert store.applied == ["opp-1", "opp-2"]


async def test_a_batch_never_exceeds_its_limit() -> None:
    store = Store()
    handler = BatchingHandler(store.apply, max_batch=2)
    await asyncio.gather(*(handler(event(f"opp-{i}"), Nothing()) for i in range(5)))
    assert [len(b) for b in store.batches] == [2, 2, 1]


async def test_a_lone_event_is_applied_without_waiting_for_company() -> None:
    store = Store()
    await asyncio.wait_for(BatchingHandler(store.apply)(event("opp-1"), Nothing()), timeout=1)
    assert store.applied == ["opp-1"]

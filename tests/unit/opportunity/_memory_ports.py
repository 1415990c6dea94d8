"""In-memory ports for use-case tests: same contract as the MongoDB adapters (conditional save,
events kept only when the change is kept), no I/O."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from contracts.envelope import CloudEvent
from services.opportunity.application.ports import Ports, ProductQuery
from services.opportunity.application.queries import OpportunityQuery, Page
from services.opportunity.domain.errors import AlreadyExists, Conflict
from services.opportunity.domain.opportunity import Opportunity
from services.opportunity.domain.pipeline import Pipeline
from services.opportunity.domain.product import Product

from ._factories import T0

T = TypeVar("T")


@dataclass
class MemoryStore(Generic[T]):
    outbox: list[CloudEvent]
    rows: dict[str, T] = field(default_factory=dict)

    async def get(self, id: str) -> T | None:
        return self.rows.get(id)

    async def get_many(self, ids: Sequence[str]) -> dict[str, T]:
        return {i: self.rows[i] for i in ids if i in self.rows}

    async def add(self, entity: T, events: Sequence[CloudEvent]) -> None:
        id: str = entity.id  # type: ignore[attr-defined]
        if id in self.rows:
            raise AlreadyExists("exists")
        self.rows[id] = entity
        self.outbox.extend(events)

    async def save(self, entity: T, expected_version: int, events: Sequence[CloudEvent]) -> None:
        id: str = entity.id  # type: ignore[attr-defined]
        if self.rows[id].version != expected_version:  # type: ignore[attr-defined]
            raise Conflict("stale")
        self.rows[id] = entity
        self.outbox.extend(events)

    async def all(self, **_: Any) -> list[T]:
        return list(self.rows.values())


class MemoryOpportunities(MemoryStore[Opportunity]):
    async def find(self, query: OpportunityQuery) -> Page[Opportunity]:
        raise NotImplementedError("list queries are tested against MongoDB")

    async def won_product_sets(self, account_id: str, excluding: str) -> list[frozenset[str]]:
        return [
            frozenset(line.product_id for line in o.line_items)
            for o in self.rows.values()
            if o.account_id == account_id and o.status.value == "WON" and o.id != excluding
        ]


class MemoryProducts(MemoryStore[Product]):
    async def list(self, query: ProductQuery) -> Page[Product]:
        raise NotImplementedError("list queries are tested against MongoDB")


class MemoryPipelines(MemoryStore[Pipeline]):
    async def default(self) -> Pipeline | None:
        return next((p for p in self.rows.values() if p.is_default), None)


@dataclass
class World:
    ports: Ports
    outbox: list[CloudEvent]


def memory_ports() -> World:
    outbox: list[CloudEvent] = []
    ticks = itertools.count()
    ids = itertools.count(1)

    def clock() -> datetime:
        return T0 + timedelta(minutes=next(ticks))

    ports = Ports(
        opportunities=MemoryOpportunities(outbox),
        pipelines=MemoryPipelines(outbox),
        users=MemoryStore(outbox),
        sources=MemoryStore(outbox),
        products=MemoryProducts(outbox),
        clock=clock,
        new_id=lambda: f"id-{next(ids)}",
    )
    return World(ports, outbox)

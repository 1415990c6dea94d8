"""The event handler: store what an event says and recompute what depends on it.

Opportunity events are stored as facts keyed by (opportunity, sequence); the opportunity's read
model is then recomputed from all its facts. The fact's key is the idempotency guard and is
written in the same transaction as the recomputed model, so a duplicate changes nothing, and
events of one opportunity may arrive in any order, on any replica: two replicas recomputing the
same opportunity conflict on its document and the loser retries, seeing both facts.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel

from contracts.envelope import CloudEvent
from contracts.events.catalog import PipelineChanged, SourceChanged, UserChanged
from services.reporting.domain.view import Fact, OpportunityView, project

T = TypeVar("T")

OPPORTUNITY_PREFIX = "opportunity."
CATALOG_KINDS = ("pipeline", "source", "user")


class ProjectionUnit(Protocol):
    targets: Any  # the generations one transaction writes to

    async def add_fact(self, generation: Any, fact: Fact) -> bool: ...
    async def facts_of(self, generation: Any, opportunity_id: str) -> list[Fact]: ...
    async def claim(self, generation: Any, opportunity_id: str) -> None: ...
    async def save_view(self, generation: Any, view: OpportunityView, fact_count: int) -> None: ...
    async def is_stale(self, generation: Any, opportunity_id: str) -> bool: ...
    async def save_catalog_entry(self, generation: Any, kind: str, entry: dict[str, Any]) -> bool: ...


class ProjectionStore(Protocol):
    async def run(self, work: Callable[[Any], Awaitable[T]]) -> T: ...


async def project_event(store: ProjectionStore, envelope: CloudEvent, payload: BaseModel | None) -> bool:
    """Apply one event; returns whether it changed anything (False for duplicates and for
    events the reports do not use)."""
    if envelope.type.startswith(OPPORTUNITY_PREFIX) and "opportunity" in envelope.data:
        fact = Fact(envelope.subject, envelope.sequence, envelope.type, envelope.data)
        changed = await store.run(lambda unit: _apply_fact(unit, fact))
        # A safety net under weak isolation: if a concurrent replica's commit left the model
        # built from fewer facts than are stored, recompute it from all of them.
        for _ in range(5):
            if not await store.run(lambda unit: _recompute_if_stale(unit, fact.opportunity_id)):
                break
        return changed
    if isinstance(payload, PipelineChanged | SourceChanged | UserChanged):
        kind = envelope.type.split(".", 1)[0]
        entry = _catalog_entry(payload)
        return await store.run(lambda unit: _apply_catalog(unit, kind, entry))
    return False


async def _apply_fact(unit: ProjectionUnit, fact: Fact) -> bool:
    changed = False
    for generation in unit.targets:
        await unit.claim(generation, fact.opportunity_id)
        if not await unit.add_fact(generation, fact):
            continue
        await _recompute(unit, generation, fact.opportunity_id)
        changed = True
    return changed


async def _recompute(unit: ProjectionUnit, generation: Any, opportunity_id: str) -> None:
    facts = await unit.facts_of(generation, opportunity_id)
    await unit.save_view(generation, project(facts), len(facts))


async def _recompute_if_stale(unit: ProjectionUnit, opportunity_id: str) -> bool:
    repaired = False
    for generation in unit.targets:
        if await unit.is_stale(generation, opportunity_id):
            await unit.claim(generation, opportunity_id)
            await _recompute(unit, generation, opportunity_id)
            repaired = True
    return repaired


async def _apply_catalog(unit: ProjectionUnit, kind: str, entry: dict[str, Any]) -> bool:
    changed = False
    for generation in unit.targets:
        changed = await unit.save_catalog_entry(generation, kind, entry) or changed
    return changed


def _catalog_entry(payload: PipelineChanged | SourceChanged | UserChanged) -> dict[str, Any]:
    snapshot = payload.pipeline if isinstance(payload, PipelineChanged) else (
        payload.source if isinstance(payload, SourceChanged) else payload.user
    )  # fmt: skip
    return snapshot.model_dump(mode="json")

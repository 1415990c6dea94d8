"""The event handler: store what an event says and recompute what depends on it.

Opportunity events are facts keyed by (opportunity, sequence); the opportunity's read model is
recomputed from all its facts and written together with them, on condition that nobody wrote
the opportunity since we read it (see the store). A duplicate finds its sequence already stored
and changes nothing; events of one opportunity may arrive in any order, on any replica.
"""

from __future__ import annotations

from pydantic import BaseModel

from contracts.envelope import CloudEvent
from contracts.events.catalog import PipelineChanged, SourceChanged, UserChanged
from services.reporting.application.ports import ProjectionStore
from services.reporting.domain.view import Fact, project

OPPORTUNITY_PREFIX = "opportunity."
MAX_ATTEMPTS = 50
"""Races on one opportunity are short (a replica's read-compute-write); this bounds a livelock."""


class ProjectionConflict(RuntimeError):
    """Other writers kept winning; the consumer requeues the event."""


async def project_event(store: ProjectionStore, envelope: CloudEvent, payload: BaseModel | None) -> bool:
    """Apply one event; returns whether it changed anything (False for duplicates and for
    events the reports do not use)."""
    if envelope.type.startswith(OPPORTUNITY_PREFIX) and "opportunity" in envelope.data:
        fact = Fact(envelope.subject, envelope.sequence, envelope.type, envelope.data)
        changed = False
        for generation in await store.targets():
            changed = await _apply_fact(store, generation, fact) or changed
        return changed
    if isinstance(payload, PipelineChanged | SourceChanged | UserChanged):
        kind = envelope.type.split(".", 1)[0]
        snapshot = payload.pipeline if isinstance(payload, PipelineChanged) else (
            payload.source if isinstance(payload, SourceChanged) else payload.user
        )  # fmt: skip
        entry = snapshot.model_dump(mode="json")
        changed = False
        for generation in await store.targets():
            changed = await store.save_catalog_entry(generation, kind, entry) or changed
        return changed
    return False


async def _apply_fact(store: ProjectionStore, generation: object, fact: Fact) -> bool:
    for _ in range(MAX_ATTEMPTS):
        stored = await store.load_facts(generation, fact.opportunity_id)
        if any(f.sequence == fact.sequence for f in stored.facts):
            return False  # already applied
        facts = [*stored.facts, fact]
        if await store.save(generation, facts, project(facts), stored.revision):
            return True
    raise ProjectionConflict(f"{fact.opportunity_id}: gave up after {MAX_ATTEMPTS} conflicting writes")

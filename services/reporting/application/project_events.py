"""Apply a batch of events: store what they say and recompute what depends on them.

Opportunity events are facts keyed by (opportunity, sequence). A batch is grouped by
opportunity; the documents it touches are read together, each gets the facts it lacks, its read
model is recomputed once from all its facts, and all are written back together, each on
condition that nobody wrote it since it was read (see the store). The guard (the sequences
already stored) and the effect are one single-document write, so no transaction is needed; an
opportunity another replica wrote meanwhile is read again and redone. A duplicate finds its
sequence already stored and changes nothing; one opportunity's events may arrive in any order,
in any batch, on any replica.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from contracts.envelope import CloudEvent
from contracts.events.catalog import PipelineChanged, SourceChanged, UserChanged
from services.reporting.application.ports import FactsWrite, ProjectionStore, StoredFacts
from services.reporting.domain.rollups.kinds import rollup_keys
from services.reporting.domain.view import Fact, project

OPPORTUNITY_PREFIX = "opportunity."
MAX_ATTEMPTS = 50
"""Races on one opportunity are short (a replica's read-compute-write); this bounds a livelock."""
WRITE_CHUNK = 256
"""Opportunities written per bulk write, each sent as soon as it is computed. Each also lists
its opportunities under the rollups they join, one document per rollup: fewer, larger chunks
write fewer lists."""


class ProjectionConflict(RuntimeError):
    """Other writers kept winning; the batch fails and its events are redelivered."""


@dataclass
class Intake:
    """The events of a batch that reports use: facts per opportunity, catalog snapshots."""

    facts: dict[str, list[Fact]] = field(default_factory=dict)
    catalog: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def sort_out(events: Iterable[tuple[CloudEvent, BaseModel | None]]) -> Intake:
    intake = Intake()
    for envelope, payload in events:
        if envelope.type.startswith(OPPORTUNITY_PREFIX) and "opportunity" in envelope.data:
            fact = Fact(envelope.subject, envelope.sequence, envelope.type, envelope.data, payload)
            intake.facts.setdefault(envelope.subject, []).append(fact)
        elif isinstance(payload, PipelineChanged | SourceChanged | UserChanged):
            kind = envelope.type.split(".", 1)[0]
            snapshot = payload.pipeline if isinstance(payload, PipelineChanged) else (
                payload.source if isinstance(payload, SourceChanged) else payload.user
            )  # fmt: skip
            intake.catalog.append((kind, snapshot.model_dump(mode="json")))
    return intake


async def project_events(
    store: ProjectionStore, events: Sequence[tuple[CloudEvent, BaseModel | None]]
) -> None:
    """Apply a batch of events to every generation being written."""
    intake = sort_out(events)
    if not intake.facts and not intake.catalog:
        return  # nothing reports use: no database work at all
    # Read once per batch, after every event of it was received: an event received before a
    # rebuild began was published before it, so the rebuild's replay holds it (see rebuild.py).
    for generation in await store.targets():
        # The catalog first: a report that sees a batch's facts then knows the sources, users and
        # pipelines they name (a source's cost, a rep's name), even when one batch holds both.
        for kind, entry in intake.catalog:
            await store.save_catalog_entry(generation, kind, entry)
        if intake.facts:
            await apply_facts(store, generation, intake.facts)


async def apply_facts(store: ProjectionStore, generation: Any, facts: Mapping[str, list[Fact]]) -> None:
    """Make every fact of ``facts`` part of its opportunity's document, however many tries the
    races with other replicas take, then mark the month rollups they count in (before and after)
    to be recomputed. Duplicates mark too: a redelivered batch redoes marks a crash left undone."""
    pending = dict(facts)
    touched: set[str] = set()
    for _ in range(MAX_ATTEMPTS):
        stored = await store.load_facts(generation, list(pending))
        touched.update(key for facts_read in stored.values() for key in facts_read.rollup_keys)
        # Written in chunks, each sent as soon as it is computed: the next one is computed while
        # the database applies the last, so this process and the database work at the same time.
        saving: list[asyncio.Future[set[str]]] = []
        ids = list(pending)
        for start in range(0, len(ids), WRITE_CHUNK):
            writes = [
                write
                for opportunity_id in ids[start : start + WRITE_CHUNK]
                if (write := _with_new_facts(stored.get(opportunity_id), pending[opportunity_id])) is not None
            ]
            touched.update(key for write in writes for key in write.rollup_keys)
            if writes:
                saving.append(asyncio.ensure_future(store.save(generation, writes)))
                await asyncio.sleep(0)  # let it be sent before the next chunk is computed
        lost = set().union(*await asyncio.gather(*saving))
        if not lost:
            await store.mark_rollups(generation, touched)
            return
        # Those documents moved on since we read them: read them again and redo what they lack.
        pending = {opportunity_id: pending[opportunity_id] for opportunity_id in lost}
    raise ProjectionConflict(f"{len(pending)} opportunities: gave up after {MAX_ATTEMPTS} conflicting writes")


def _with_new_facts(stored: StoredFacts | None, new: list[Fact]) -> FactsWrite | None:
    stored = stored or StoredFacts([], None)
    known = {fact.sequence for fact in stored.facts}
    fresh = {fact.sequence: fact for fact in new if fact.sequence not in known}
    if not fresh:
        return None
    facts = [*stored.facts, *fresh.values()]
    view = project(facts)
    keys = frozenset(rollup_keys(view))
    return FactsWrite(facts, view, stored.revision, keys, keys - stored.rollup_keys)

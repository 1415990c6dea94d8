"""What the assignment, handover and import use cases need beyond the core ports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from contracts.envelope import CloudEvent
from services.opportunity.domain.assignment import AssignmentEntry, RepLoad
from services.opportunity.domain.opportunity import Opportunity

Assigned = tuple[str, str, int, bool]
"""(opportunity id, owner id, version after, whether it changed)."""
Failure = tuple[str, str, str]
"""(opportunity id, error code, message)."""


@dataclass(frozen=True)
class OwnerChange:
    after: Opportunity
    expected_version: int
    entry: AssignmentEntry


@dataclass(frozen=True)
class ChunkOutcome:
    assigned: list[Assigned] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


class AssignmentStore(Protocol):
    async def load(self, ids: Sequence[str]) -> dict[str, Opportunity]: ...

    async def open_ids_of(self, owner_id: str) -> list[str]: ...

    async def open_load(self, user_ids: Sequence[str]) -> dict[str, RepLoad]: ...

    async def history(self, opportunity_id: str) -> list[AssignmentEntry]: ...

    async def histories(self, opportunity_ids: Sequence[str]) -> dict[str, list[AssignmentEntry]]: ...

    async def recall(self, key: str, fingerprint: str) -> dict[int, ChunkOutcome]: ...

    async def commit(
        self,
        changes: Sequence[OwnerChange],
        events: dict[str, CloudEvent],
        outcome: ChunkOutcome,
        *,
        key: str | None,
        chunk: int,
    ) -> ChunkOutcome: ...

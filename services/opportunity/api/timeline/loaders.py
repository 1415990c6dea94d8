"""Per-request DataLoaders for what hangs off an opportunity (contact, activities, owner history),
so a page of 200 opportunities costs one query per kind, not one per opportunity."""

from __future__ import annotations

from typing import Any

from strawberry.dataloader import DataLoader

from services.opportunity.application.work_ports import WorkPorts
from services.opportunity.domain.assignment import AssignmentEntry
from services.opportunity.domain.evidence import Activity


class WorkLoaders:
    def __init__(self, work: WorkPorts) -> None:
        async def contacts(ids: list[str]) -> list[dict[str, Any] | None]:
            found = await work.imports.contacts(ids)
            return [found.get(i) for i in ids]

        async def activities(ids: list[str]) -> list[list[Activity]]:
            found = await work.evidence.of_opportunities(ids)
            return [found[i] for i in ids]

        async def histories(ids: list[str]) -> list[list[AssignmentEntry]]:
            found = await work.assignments.histories(ids)
            return [found[i] for i in ids]

        self.contacts = DataLoader(load_fn=contacts)
        self.activities = DataLoader(load_fn=activities)
        self.assignment_histories = DataLoader(load_fn=histories)

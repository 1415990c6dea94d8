"""Reading an opportunity's evidence and assignment history (for those who may see it)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from strawberry.types import Info

from gateway.api.assignments.types import AssignmentEntry
from gateway.api.common.permissions import IsSignedIn
from gateway.api.context import Context
from gateway.api.evidence.types import Activity, Attachment, EvidenceRequirement
from gateway.api.raw import served
from servicekit.identity import Identity


async def _of_visible(
    info: Info[Context, None], read: Callable[[Identity, str], Awaitable[Any]], opportunity_id: strawberry.ID
) -> Any:
    return served(await read(info.context.caller, str(opportunity_id)))


@strawberry.type
class EvidenceQueries:
    @strawberry.field(permission_classes=[IsSignedIn], description="Every owner change, oldest first.")
    async def assignment_history(
        self, info: Info[Context, None], opportunity_id: strawberry.ID
    ) -> list[AssignmentEntry]:
        return await _of_visible(
            info, info.context.loaders.apis.opportunity.assignment_history, opportunity_id
        )

    @strawberry.field(
        permission_classes=[IsSignedIn], description="Calls, meetings, samples, quotes ... oldest first."
    )
    async def activities(self, info: Info[Context, None], opportunity_id: strawberry.ID) -> list[Activity]:
        return await _of_visible(info, info.context.loaders.apis.opportunity.activities, opportunity_id)

    @strawberry.field(permission_classes=[IsSignedIn])
    async def attachments(self, info: Info[Context, None], opportunity_id: strawberry.ID) -> list[Attachment]:
        return await _of_visible(info, info.context.loaders.apis.opportunity.attachments, opportunity_id)

    @strawberry.field(
        permission_classes=[IsSignedIn], description="What must be logged before leaving the stage."
    )
    async def stage_evidence(
        self, info: Info[Context, None], pipeline_id: strawberry.ID, stage_key: str
    ) -> list[EvidenceRequirement]:
        api = info.context.loaders.apis.opportunity
        return served(await api.stage_evidence(info.context.caller, str(pipeline_id), stage_key))

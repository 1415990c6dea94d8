"""Evidence queries: an opportunity's activities and files, and a stage's requirements."""

from __future__ import annotations

import strawberry

from services.opportunity.api.context import Info
from services.opportunity.api.evidence.permissions import AUTHENTICATED
from services.opportunity.api.evidence.types import Activity, Attachment, EvidenceRequirementType
from services.opportunity.application.evidence import activities_of


@strawberry.type
class EvidenceQueries:
    @strawberry.field(permission_classes=AUTHENTICATED, description="Oldest first, by when they happened.")
    async def activities(self, info: Info, opportunity_id: strawberry.ID) -> list[Activity]:
        ctx = info.context
        return [
            Activity.from_domain(a)
            for a in await activities_of(ctx.identity, opportunity_id, ctx.ports, ctx.work)
        ]

    @strawberry.field(permission_classes=AUTHENTICATED)
    async def attachments(self, info: Info, opportunity_id: strawberry.ID) -> list[Attachment]:
        ctx = info.context
        activities = await activities_of(ctx.identity, opportunity_id, ctx.ports, ctx.work)
        files = await ctx.work.attachments.of_activities([a.id for a in activities])
        return [Attachment.from_domain(f) for f in files]

    @strawberry.field(
        permission_classes=AUTHENTICATED, description="What must be logged before leaving the stage."
    )
    async def stage_evidence(
        self, info: Info, pipeline_id: strawberry.ID, stage_key: str
    ) -> list[EvidenceRequirementType]:
        requirements = await info.context.work.evidence.requirements(pipeline_id, stage_key)
        return [EvidenceRequirementType.from_domain(r) for r in requirements]

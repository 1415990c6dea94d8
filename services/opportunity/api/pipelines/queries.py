"""Pipeline queries (every signed-in user may read pipelines)."""

from __future__ import annotations

import strawberry

from services.opportunity.api.context import Info
from services.opportunity.api.permissions import AUTHENTICATED
from services.opportunity.api.pipelines.types import Pipeline
from services.opportunity.application._loading import load_pipeline


@strawberry.type
class PipelineQueries:
    @strawberry.field(permission_classes=AUTHENTICATED)
    async def pipelines(self, info: Info) -> list[Pipeline]:
        return [Pipeline.from_domain(p) for p in await info.context.ports.pipelines.all()]

    @strawberry.field(permission_classes=AUTHENTICATED)
    async def pipeline(self, info: Info, id: strawberry.ID) -> Pipeline:
        return Pipeline.from_domain(await load_pipeline(info.context.ports, id))

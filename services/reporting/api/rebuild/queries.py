"""Follow a rebuild job (administrators only), however it was started."""

from __future__ import annotations

import strawberry

from servicekit.graphql import ApiError
from services.reporting.api.context import Info
from services.reporting.api.rebuild.types import RebuildJobType


@strawberry.type
class RebuildQueries:
    @strawberry.field(
        name="rebuildJob",
        description="A rebuild job by id, or the latest one without an id; null if there is none.",
    )
    async def rebuild_job(self, info: Info, id: str | None = None) -> RebuildJobType | None:
        if not info.context.identity.is_admin:
            raise ApiError("FORBIDDEN", "Only administrators follow rebuilds of the read model.")
        job = await info.context.services.rebuild_jobs.get(id)
        return RebuildJobType.from_domain(job) if job else None

"""Start a rebuild of the read model (administrators only)."""

from __future__ import annotations

import strawberry

from servicekit.graphql import ApiError
from services.reporting.api.context import Info
from services.reporting.api.rebuild.types import RebuildJobType


@strawberry.type
class RebuildMutations:
    @strawberry.mutation(
        name="startRebuild",
        description=(
            "Rebuild the read model from the opportunity service's whole event log, as a job run by "
            "this API process; reports switch to the rebuilt model when it succeeds. While a job "
            "runs, answers with that job rather than starting a second. Follow it with rebuildJob."
        ),
    )
    async def start_rebuild(self, info: Info) -> RebuildJobType:
        if not info.context.identity.is_admin:
            raise ApiError("FORBIDDEN", "Only administrators rebuild the read model.")
        if info.context.rebuilds is None:
            raise RuntimeError("no rebuild runner wired")  # a wiring bug, masked as internal
        job, _ = await info.context.rebuilds.start()
        return RebuildJobType.from_domain(job)

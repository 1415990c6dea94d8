"""Rebuilding the reports from the event log (administrators only): start a job, follow it."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from gateway.api.common.permissions import IsAdmin
from gateway.api.context import Context
from gateway.api.raw import served
from gateway.api.rebuild.types import RebuildJob


@strawberry.type
class RebuildQueries:
    @strawberry.field(
        permission_classes=[IsAdmin],
        description="A rebuild of the reports by id, or the latest one without an id; null if none.",
    )
    async def reporting_rebuild(
        self, info: Info[Context, None], id: strawberry.ID | None = None
    ) -> RebuildJob | None:
        api = info.context.loaders.apis.reporting
        return served(await api.rebuild_job(info.context.caller, id))


@strawberry.type
class RebuildMutations:
    @strawberry.mutation(
        permission_classes=[IsAdmin],
        description=(
            "Rebuild the reports from the opportunity service's whole event log, as a job; reports "
            "switch to the rebuilt ones when it succeeds. While one runs, answers with that one "
            "instead of starting a second. Follow it with reportingRebuild."
        ),
    )
    async def start_reporting_rebuild(self, info: Info[Context, None]) -> RebuildJob:
        api = info.context.loaders.apis.reporting
        return served(await api.start_rebuild(info.context.caller))

"""Import queries: a job's progress and report."""

from __future__ import annotations

import strawberry

from services.opportunity.api.context import Info
from services.opportunity.api.imports.permissions import AUTHENTICATED, job_visible_to
from services.opportunity.api.imports.types import ImportJob


@strawberry.type
class ImportQueries:
    @strawberry.field(permission_classes=AUTHENTICATED)
    async def import_job(self, info: Info, id: strawberry.ID) -> ImportJob:
        ctx = info.context
        return ImportJob.from_job(job_visible_to(ctx.identity, await ctx.work.imports.get_job(id), id))

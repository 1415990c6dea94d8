"""Import queries: a job's progress and report."""

from __future__ import annotations

from typing import Any

import strawberry

from services.opportunity.api.context import Info
from services.opportunity.api.imports.permissions import AUTHENTICATED, job_visible_to
from services.opportunity.api.imports.types import ImportJob, LeadContact


@strawberry.type
class ImportQueries:
    @strawberry.field(permission_classes=AUTHENTICATED)
    async def import_job(self, info: Info, id: strawberry.ID) -> ImportJob:
        ctx = info.context
        return ImportJob.from_job(job_visible_to(ctx.identity, await ctx.work.imports.get_job(id), id))


async def resolve_contact(root: Any, info: Info) -> LeadContact | None:
    """The lead's contact details, when the opportunity came from an import."""
    doc = await info.context.work_loaders.contacts.load(root._o.id)
    return None if doc is None else LeadContact.from_doc(doc)

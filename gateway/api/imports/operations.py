"""Managers and administrators import cards; the opportunity service runs the import as a job."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from gateway.api.common.permissions import IsManagerOrAdmin
from gateway.api.context import Context
from gateway.api.imports.types import ImportJob, ImportOpportunitiesInput
from gateway.api.raw import served, to_variables
from gateway.application.assignments import check_may_assign_to


@strawberry.type
class ImportMutations:
    @strawberry.mutation(
        permission_classes=[IsManagerOrAdmin],
        description="Upload a CSV of cards (a GraphQL multipart request); they are created and spread across reps.",
    )
    async def import_opportunities(
        self, info: Info[Context, None], input: ImportOpportunitiesInput
    ) -> ImportJob:
        await check_may_assign_to(
            info.context.loaders.user, info.context.caller, [str(u) for u in input.to_user_ids]
        )
        received: Any = input.file  # starlette's UploadFile at run time
        upload = (
            received.filename or "cards.csv",
            await received.read(),
            received.content_type or "text/csv",
        )
        variables = to_variables(input)
        variables["file"] = None
        api = info.context.loaders.apis.opportunity
        return served(await api.import_cards(info.context.caller, variables, upload))


@strawberry.type
class ImportQueries:
    @strawberry.field(permission_classes=[IsManagerOrAdmin], description="How an import is going.")
    async def import_job(self, info: Info[Context, None], id: strawberry.ID) -> ImportJob:
        api = info.context.loaders.apis.opportunity
        return served(await api.import_job(info.context.caller, str(id)))

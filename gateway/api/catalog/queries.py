"""Pipelines and lead sources: everyone signed in may read them."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from gateway.adapters.services import ServiceError
from gateway.api.catalog.types import Pipeline, Source
from gateway.api.common.permissions import IsSignedIn
from gateway.api.context import Context
from gateway.api.raw import served


async def _one(found: object | None, what: str) -> Any:
    if found is None:
        raise ServiceError("NOT_FOUND", f"No such {what}.")
    return served(found)


@strawberry.type
class CatalogQueries:
    @strawberry.field(permission_classes=[IsSignedIn])
    async def pipelines(self, info: Info[Context, None]) -> list[Pipeline]:
        return served(await info.context.loaders.listed("pipelines"))

    @strawberry.field(permission_classes=[IsSignedIn])
    async def pipeline(self, info: Info[Context, None], id: strawberry.ID) -> Pipeline:
        return await _one(await info.context.loaders.pipeline.load(str(id)), "pipeline")

    @strawberry.field(
        permission_classes=[IsSignedIn], description="Where opportunities come from, with their cost."
    )
    async def sources(self, info: Info[Context, None]) -> list[Source]:
        return served(await info.context.loaders.listed("sources"))

    @strawberry.field(permission_classes=[IsSignedIn])
    async def source(self, info: Info[Context, None], id: strawberry.ID) -> Source:
        return await _one(await info.context.loaders.source.load(str(id)), "source")

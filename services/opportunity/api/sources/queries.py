"""Lead-source queries."""

from __future__ import annotations

import strawberry

from services.opportunity.api.context import Info
from services.opportunity.api.permissions import AUTHENTICATED
from services.opportunity.api.sources.types import Source
from services.opportunity.domain.errors import NotFound


@strawberry.type
class SourceQueries:
    @strawberry.field(permission_classes=AUTHENTICATED)
    async def sources(self, info: Info) -> list[Source]:
        return [Source.from_domain(s) for s in await info.context.ports.sources.all()]

    @strawberry.field(permission_classes=AUTHENTICATED)
    async def source(self, info: Info, id: strawberry.ID) -> Source:
        source = await info.context.ports.sources.get(id)
        if source is None:
            raise NotFound(f"No lead source {id!r}.", {"id": id})
        return Source.from_domain(source)

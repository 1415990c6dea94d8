from __future__ import annotations

import strawberry
from strawberry.types import Info

from gateway.api.context import Context
from gateway.api.viewer.types import Viewer


@strawberry.type
class ViewerQueries:
    @strawberry.field(description="Who is signed in.")
    def viewer(self, info: Info[Context, None]) -> Viewer:
        return Viewer.from_identity(info.context.caller)

"""User queries (every signed-in user may read the directory)."""

from __future__ import annotations

import strawberry

from services.opportunity.api.context import Info
from services.opportunity.api.permissions import AUTHENTICATED
from services.opportunity.api.users.types import User
from services.opportunity.domain.errors import NotFound


@strawberry.type
class UserQueries:
    @strawberry.field(permission_classes=AUTHENTICATED)
    async def users(self, info: Info, active_only: bool = False) -> list[User]:
        return [User.from_domain(u) for u in await info.context.ports.users.all(active_only=active_only)]

    @strawberry.field(permission_classes=AUTHENTICATED)
    async def user(self, info: Info, id: strawberry.ID) -> User:
        user = await info.context.ports.users.get(id)
        if user is None:
            raise NotFound(f"No user {id!r}.", {"id": id})
        return User.from_domain(user)

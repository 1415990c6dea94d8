"""Users: admins see everyone, managers their team, reps themselves."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from gateway.adapters.services import ServiceError
from gateway.api.common.permissions import IsSignedIn
from gateway.api.context import Context
from gateway.api.raw import served
from gateway.api.users.types import User
from gateway.domain.access import may_see_user


@strawberry.type
class UserQueries:
    @strawberry.field(permission_classes=[IsSignedIn], description="The signed-in user.")
    async def me(self, info: Info[Context, None]) -> User:
        found = await info.context.loaders.user.load(info.context.caller.user_id)
        if found is None:
            raise ServiceError("NOT_FOUND", "Your user record does not exist (yet).")
        return served(found)

    @strawberry.field(permission_classes=[IsSignedIn], description="The users you may see.")
    async def users(self, info: Info[Context, None], active_only: bool = False) -> list[User]:
        identity = info.context.caller
        every = await info.context.loaders.listed("users")
        return served(
            [
                u for u in every
                if may_see_user(identity, u.id, u.team) and (u.active or not active_only)
            ]
        )  # fmt: skip

    @strawberry.field(permission_classes=[IsSignedIn])
    async def user(self, info: Info[Context, None], id: strawberry.ID) -> User:
        found = await info.context.loaders.user.load(str(id))
        if found is None or not may_see_user(info.context.caller, found.id, found.team):
            raise ServiceError("NOT_FOUND", "No such user.")
        return served(found)

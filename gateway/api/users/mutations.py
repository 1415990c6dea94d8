"""Managing users: administrators only."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from gateway.api.common.permissions import IsAdmin
from gateway.api.context import Context
from gateway.api.raw import served, to_variables
from gateway.api.users.inputs import CreateUserInput, UpdateUserInput
from gateway.api.users.types import User


@strawberry.type
class UserMutations:
    @strawberry.mutation(permission_classes=[IsAdmin])
    async def create_user(self, info: Info[Context, None], input: CreateUserInput) -> User:
        api = info.context.loaders.apis.opportunity
        return served(await api.mutate(info.context.caller, "createUser", to_variables(input)))

    @strawberry.mutation(permission_classes=[IsAdmin])
    async def update_user(self, info: Info[Context, None], input: UpdateUserInput) -> User:
        api = info.context.loaders.apis.opportunity
        return served(await api.mutate(info.context.caller, "updateUser", to_variables(input)))

    @strawberry.mutation(permission_classes=[IsAdmin], description="The user keeps their history.")
    async def deactivate_user(
        self, info: Info[Context, None], id: strawberry.ID, expected_version: int
    ) -> User:
        api = info.context.loaders.apis.opportunity
        return served(await api.deactivate_user(info.context.caller, str(id), expected_version))

"""Managing users: administrators only."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from gateway.api.common.permissions import IsAdmin, IsSignedIn
from gateway.api.context import Context
from gateway.api.raw import served, to_variables
from gateway.api.users.inputs import CreateUserInput, UpdateUserInput
from gateway.api.users.types import User
from servicekit.i18n import current_locale


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

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Choose your own language, zh-TW or en: for the API's words and messages, your "
        "notifications and e-mails.",
    )
    async def choose_locale(self, info: Info[Context, None], locale: str) -> User:
        caller = info.context.caller
        user = await info.context.loaders.apis.opportunity.choose_locale(caller, locale)
        # This request and this gateway's next ones speak it at once; others hear the event.
        if info.context.user_status is not None:
            info.context.user_status.on_user(caller.user_id, user.active, user.chosenLocale)
        current_locale.set(user.chosenLocale or locale)
        return served(user)

    @strawberry.mutation(permission_classes=[IsAdmin], description="The user keeps their history.")
    async def deactivate_user(
        self, info: Info[Context, None], id: strawberry.ID, expected_version: int
    ) -> User:
        api = info.context.loaders.apis.opportunity
        return served(await api.deactivate_user(info.context.caller, str(id), expected_version))

    @strawberry.mutation(permission_classes=[IsAdmin], description="A deactivated user may sign in again.")
    async def reactivate_user(
        self, info: Info[Context, None], id: strawberry.ID, expected_version: int
    ) -> User:
        api = info.context.loaders.apis.opportunity
        user = await api.reactivate_user(info.context.caller, str(id), expected_version)
        # This gateway lets them in at once; other replicas hear the user.updated event.
        if info.context.user_status is not None:
            info.context.user_status.on_user(str(id), user.active, user.chosenLocale)
        return served(user)

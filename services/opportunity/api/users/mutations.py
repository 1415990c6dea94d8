"""User mutations (admins only; the rule lives in the use cases)."""

from __future__ import annotations

import strawberry

from services.opportunity.api.context import Info
from services.opportunity.api.permissions import AUTHENTICATED
from services.opportunity.api.users.types import User
from services.opportunity.application import users as uc
from services.opportunity.domain.user import Role


@strawberry.input
class CreateUserInput:
    name: str
    email: str
    role: Role
    team: str | None = None
    manager_id: strawberry.ID | None = None
    id: strawberry.ID | None = strawberry.field(default=None, description="Keep an identity provider's id.")


@strawberry.input
class UpdateUserInput:
    id: strawberry.ID
    expected_version: int
    name: str | None = None
    email: str | None = None
    role: Role | None = None
    team: str | None = None
    manager_id: strawberry.ID | None = None


@strawberry.type
class UserMutations:
    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def create_user(self, info: Info, input: CreateUserInput) -> User:
        cmd = uc.CreateUser(
            name=input.name, email=input.email, role=input.role, team=input.team, manager_id=input.manager_id,
            id=input.id,
        )  # fmt: skip
        return User.from_domain(await uc.create_user(cmd, info.context.identity, info.context.ports))

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def update_user(self, info: Info, input: UpdateUserInput) -> User:
        cmd = uc.UpdateUser(
            id=input.id, expected_version=input.expected_version, name=input.name, email=input.email,
            role=input.role, team=input.team, manager_id=input.manager_id,
        )  # fmt: skip
        return User.from_domain(await uc.update_user(cmd, info.context.identity, info.context.ports))

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="The caller's own language: zh-TW or en."
    )
    async def choose_locale(self, info: Info, locale: str) -> User:
        return User.from_domain(await uc.choose_locale(locale, info.context.identity, info.context.ports))

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="The user keeps their history.")
    async def deactivate_user(self, info: Info, id: strawberry.ID, expected_version: int) -> User:
        return User.from_domain(
            await uc.deactivate_user(id, expected_version, info.context.identity, info.context.ports)
        )

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="A deactivated user may sign in again."
    )
    async def reactivate_user(self, info: Info, id: strawberry.ID, expected_version: int) -> User:
        return User.from_domain(
            await uc.reactivate_user(id, expected_version, info.context.identity, info.context.ports)
        )

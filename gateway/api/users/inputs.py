from __future__ import annotations

import strawberry

from gateway.api.common.types import Role

UNSET = strawberry.UNSET


@strawberry.input
class CreateUserInput:
    name: str
    email: str
    role: Role
    team: str | None = UNSET
    manager_id: strawberry.ID | None = UNSET
    id: strawberry.ID | None = strawberry.field(default=UNSET, description="Keep an identity provider's id.")


@strawberry.input
class UpdateUserInput:
    id: strawberry.ID
    expected_version: int
    name: str | None = UNSET
    email: str | None = UNSET
    role: Role | None = UNSET
    team: str | None = UNSET
    manager_id: strawberry.ID | None = UNSET

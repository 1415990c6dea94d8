"""GraphQL type of a user."""

from __future__ import annotations

import strawberry

from services.opportunity.domain.user import Role
from services.opportunity.domain.user import User as DomainUser


@strawberry.type
class User:
    id: strawberry.ID
    name: str
    email: str
    role: Role
    team: str | None
    manager_id: strawberry.ID | None
    active: bool
    version: int
    locale: str = strawberry.field(description="The language the user reads: zh-TW (the default) or en.")
    chosen_locale: str | None = strawberry.field(description="The language the user chose; null: not chosen.")

    @classmethod
    def from_domain(cls, u: DomainUser) -> User:
        return cls(
            id=strawberry.ID(u.id), name=u.name, email=u.email, role=u.role, team=u.team,
            manager_id=strawberry.ID(u.manager_id) if u.manager_id else None, active=u.active, version=u.version,
            locale=u.locale, chosen_locale=u.chosen_locale,
        )  # fmt: skip

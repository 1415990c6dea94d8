from __future__ import annotations

from enum import Enum

import strawberry

from servicekit.identity import Identity


@strawberry.enum
class Role(Enum):
    REP = "REP"
    MANAGER = "MANAGER"
    ADMIN = "ADMIN"


@strawberry.type(description="The signed-in user, as their access token describes them.")
class Viewer:
    user_id: strawberry.ID
    role: Role
    team: str | None
    name: str | None

    @classmethod
    def from_identity(cls, identity: Identity) -> Viewer:
        return cls(
            user_id=strawberry.ID(identity.user_id),
            role=Role(identity.role),
            team=identity.team,
            name=identity.name,
        )

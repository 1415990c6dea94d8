from __future__ import annotations

import strawberry

from gateway.api.common.types import Role
from servicekit.identity import Identity


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

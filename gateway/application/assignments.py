"""Who may be given opportunities: managers assign within their team, administrators anywhere,
reps not at all. The opportunity service checks who owns what; this checks the receiving users."""

from __future__ import annotations

from collections.abc import Awaitable, Iterable, Sequence
from typing import Protocol

from gateway.adapters.services import ServiceError
from gateway.domain.access import Forbidden, require_manager_or_admin
from servicekit.identity import Identity


class TeamMember(Protocol):
    @property
    def team(self) -> str | None: ...


class UserLookup(Protocol):
    """The request's user loader: many users by id in one call, None for an unknown id."""

    def load_many(self, keys: Iterable[str], /) -> Awaitable[Sequence[TeamMember | None]]: ...


async def check_may_assign_to(users: UserLookup, caller: Identity, user_ids: list[str]) -> None:
    require_manager_or_admin(caller, "assign opportunities")
    if caller.is_admin:
        return
    found = await users.load_many(user_ids)
    if any(user is None for user in found):
        raise ServiceError("NOT_FOUND", "No such user.")
    if any(user is not None and user.team != caller.team for user in found):
        raise Forbidden("A manager assigns only to the reps of their own team.")

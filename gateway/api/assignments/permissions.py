"""Managers assign within their team; administrators anywhere; reps not at all."""

from __future__ import annotations

from strawberry.types import Info

from gateway.adapters.services import ServiceError
from gateway.api.context import Context
from gateway.domain.access import Forbidden, require_manager_or_admin


async def check_may_assign_to(info: Info[Context, None], user_ids: list[str]) -> None:
    identity = info.context.caller
    require_manager_or_admin(identity, "assign opportunities")
    if identity.is_admin:
        return
    users = await info.context.loaders.user.load_many(user_ids)
    if any(user is None for user in users):
        raise ServiceError("NOT_FOUND", "No such user.")
    if any(user is not None and user.team != identity.team for user in users):
        raise Forbidden("A manager assigns only to the reps of their own team.")

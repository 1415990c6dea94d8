"""Object-level checks: an opportunity is read with the caller's identity, then the gateway's own
rule decides (the service applies the same rule; the gateway does not rely on it alone)."""

from __future__ import annotations

from typing import Any

from strawberry.types import Info

from gateway.adapters.services import ServiceError
from gateway.api.context import Context
from gateway.api.raw import served
from gateway.domain.access import (
    check_may_change_opportunity,
    may_read_account_deals,
    may_see_opportunity,
)


async def visible_opportunity(info: Info[Context, None], opportunity_id: str) -> Any:
    identity = info.context.caller
    data = await info.context.loaders.apis.opportunity.get(identity, opportunity_id)
    if not may_see_opportunity(identity, data.ownerId, data.team) and not await _owns_account(
        info, data.accountId
    ):
        # Same answer as for one that does not exist: do not reveal what others hold.
        raise ServiceError("NOT_FOUND", "No such opportunity.")
    return served(data)


async def _owns_account(info: Info[Context, None], account_id: str | None) -> bool:
    """The caller owns the opportunity's account (a manager: it is the team's), which lets them
    read its deals, closed ones a leaver kept included."""
    if account_id is None:
        return False
    try:
        account = await info.context.loaders.apis.accounts.account(info.context.caller, account_id)
    except ServiceError:
        return False
    return may_read_account_deals(info.context.caller, account["ownerId"], account.get("team"))


async def changeable_opportunity(info: Info[Context, None], opportunity_id: str) -> Any:
    identity = info.context.caller
    data = await visible_opportunity(info, opportunity_id)
    check_may_change_opportunity(identity, data.ownerId, data.team)
    return data

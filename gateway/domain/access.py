"""What each role may see and do, as pure rules over the caller's identity.

- A rep sees and changes only their own opportunities and notifications.
- A manager sees and changes their team's, and assigns within the team.
- An administrator sees everything and manages pipelines, sources, users and policies.
"""

from __future__ import annotations

from dataclasses import dataclass

from servicekit.identity import Identity


class Forbidden(Exception):
    code = "FORBIDDEN"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class OpportunityScope:
    """The narrowest filter a caller's list queries are forced into."""

    owner_id: str | None = None
    team: str | None = None


def opportunity_scope(identity: Identity) -> OpportunityScope:
    if identity.is_admin:
        return OpportunityScope()
    if identity.is_manager:
        return OpportunityScope(team=identity.team or f"no-team:{identity.user_id}")
    return OpportunityScope(owner_id=identity.user_id)


def may_see_opportunity(identity: Identity, owner_id: str, team: str | None) -> bool:
    if identity.is_admin:
        return True
    if identity.is_manager:
        return team is not None and team == identity.team
    return owner_id == identity.user_id


def may_read_account_deals(identity: Identity, account_owner_id: str, account_team: str | None) -> bool:
    """Whoever owns an account (a manager: their team's) reads all its deals, whoever owns those."""
    if identity.is_admin or account_owner_id == identity.user_id:
        return True
    return identity.is_manager and account_team is not None and account_team == identity.team


def may_see_user(identity: Identity, user_id: str, team: str | None) -> bool:
    if identity.is_admin or user_id == identity.user_id:
        return True
    return identity.is_manager and team is not None and team == identity.team


def require_admin(identity: Identity, what: str) -> None:
    if not identity.is_admin:
        raise Forbidden(f"Only an administrator may {what}.")


def require_manager_or_admin(identity: Identity, what: str) -> None:
    if not (identity.is_admin or identity.is_manager):
        raise Forbidden(f"Only a manager or an administrator may {what}.")


def check_owner_for_new_opportunity(identity: Identity, owner_id: str | None, owner_team: str | None) -> None:
    """A rep creates for themselves; a manager for their team; an admin for anyone."""
    if owner_id is None or owner_id == identity.user_id or identity.is_admin:
        return
    if identity.is_manager and owner_team is not None and owner_team == identity.team:
        return
    raise Forbidden("You may create opportunities only for yourself (managers: for their team).")


def check_may_change_opportunity(identity: Identity, owner_id: str, team: str | None) -> None:
    if not may_see_opportunity(identity, owner_id, team):
        raise Forbidden("You may change only your own opportunities (managers: their team's).")

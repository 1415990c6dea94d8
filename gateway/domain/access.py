"""What each role may see and do, as pure rules over the caller's identity.

- A rep sees and changes only their own opportunities and notifications.
- A manager sees and changes their team's (without a team: their own), and assigns within the team.
  Which opportunity a caller may read or change is decided by the opportunity service; the
  rules here scope lists and the live feed, and check roles before anything is sent.
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
    if identity.is_manager and identity.team:
        # An opportunity takes its owner's team, so the team covers the manager's own too.
        return OpportunityScope(team=identity.team)
    return OpportunityScope(owner_id=identity.user_id)


def may_see_opportunity(identity: Identity, owner_id: str, team: str | None) -> bool:
    """The opportunity service's rule, for what the gateway pushes without asking it (the live
    feed): the owner, their team's manager, an administrator."""
    if identity.is_admin or owner_id == identity.user_id:
        return True
    return identity.is_manager and identity.team is not None and team == identity.team


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

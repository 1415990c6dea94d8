"""Who may see and change what. A rep: their own opportunities; a manager: their team's (and
their own); an admin: everything. Only admins manage pipelines, sources and users.

An opportunity the caller may not see is reported as not found, so ids do not leak."""

from __future__ import annotations

from servicekit.identity import Identity
from services.opportunity.application.ports import UserRepository
from services.opportunity.application.queries import Scope
from services.opportunity.domain.errors import DerivedFact, DifficultyNotYours, Forbidden, NotFound
from services.opportunity.domain.opportunity import Opportunity
from services.opportunity.domain.user import User


def visibility(identity: Identity) -> Scope:
    if identity.is_admin:
        return Scope()
    if identity.is_manager and identity.team:
        # An opportunity takes its owner's team, so the team covers the manager's own too.
        return Scope(team=identity.team)
    return Scope(owner_id=identity.user_id)


def can_see(identity: Identity, opportunity: Opportunity) -> bool:
    if identity.is_admin or opportunity.owner_id == identity.user_id:
        return True
    return identity.is_manager and identity.team is not None and opportunity.team == identity.team


def visible(identity: Identity, opportunity: Opportunity | None, id: str) -> Opportunity:
    if opportunity is None or not can_see(identity, opportunity):
        raise NotFound(f"No opportunity {id!r}.", {"id": id})
    return opportunity


def require_admin(identity: Identity, what: str) -> None:
    if not identity.is_admin:
        raise Forbidden(f"Only an administrator may {what}.")


def may_deactivate(identity: Identity, user: User) -> None:
    """An admin deactivates anyone; a manager, a rep of their own team (when handing over their
    work); nobody else anyone."""
    if identity.is_admin:
        return
    if (
        identity.is_manager
        and user.role == "REP"
        and identity.team is not None
        and user.team == identity.team
    ):
        return
    raise Forbidden("Only an administrator, or the manager of a rep's team, may deactivate that rep.")


def may_own(identity: Identity, owner: User) -> None:
    """Whom the caller may make the owner of an opportunity."""
    if identity.is_admin or owner.id == identity.user_id:
        return
    if identity.is_manager and identity.team is not None and owner.team == identity.team:
        return
    raise Forbidden("You may assign opportunities only to yourself (or, as a manager, to your team).")


async def is_active_caller(users: UserRepository, user_id: str) -> bool:
    """False for a user who was deactivated: they may no longer call at all. The read is served
    from the users' short-lived cache (this process's own deactivation clears it at once)."""
    user = await users.get(user_id)
    return user is None or user.active


def refuse_claims(is_new_customer: bool | None, is_new_product: bool | None) -> None:
    """New customer and new product are facts the win reads from the account's history
    (domain/win_facts.py); nobody sets them, so a rep cannot raise their own appraisal."""
    for field, value in (("isNewCustomer", is_new_customer), ("isNewProduct", is_new_product)):
        if value is not None:
            raise DerivedFact(field, f"{field} is worked out when the deal is won; it cannot be set.")


def may_set_difficulty(identity: Identity) -> None:
    """A deal's difficulty weighs its rep's appraisal: managers and administrators set it."""
    if identity.is_rep:
        raise DifficultyNotYours(
            "Only a manager or an administrator may set a deal's difficulty.", {"field": "difficulty"}
        )

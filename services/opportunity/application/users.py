"""User administration (admins only; managers deactivate their team's reps in a hand-over):
publishes ``user.created``, ``user.updated`` (a reactivation too: its snapshot says active),
``user.deactivated``.

A deactivated user owns no open opportunity: deactivation is refused while they still own one
(hand it over first), and nothing is assigned to, created for or reopened under an inactive user.
"""

from __future__ import annotations

from dataclasses import dataclass

from servicekit.identity import Identity
from services.opportunity.application import events
from services.opportunity.application.access import require_admin
from services.opportunity.application.ports import Ports
from services.opportunity.application.queries import OpportunityFilter, OpportunityQuery, Scope
from services.opportunity.domain import user as rules
from services.opportunity.domain.errors import Conflict, InvalidInput, NotFound, OwnsOpenOpportunities
from services.opportunity.domain.opportunity import Status
from services.opportunity.domain.user import Role, User


@dataclass(frozen=True)
class CreateUser:
    name: str
    email: str
    role: Role
    team: str | None = None
    manager_id: str | None = None
    id: str | None = None  # lets an identity provider keep its own ids


async def _check_manager(ports: Ports, manager_id: str | None) -> None:
    if manager_id and await ports.users.get(manager_id) is None:
        raise InvalidInput("managerId", f"No user {manager_id!r}.")


async def create_user(cmd: CreateUser, identity: Identity, ports: Ports) -> User:
    require_admin(identity, "manage users")
    await _check_manager(ports, cmd.manager_id)
    user = rules.new_user(
        id=cmd.id or ports.new_id(), name=cmd.name, email=cmd.email, role=cmd.role, now=ports.clock(),
        team=cmd.team, manager_id=cmd.manager_id,
    )  # fmt: skip
    await ports.users.add(user, [events.user_changed("user.created", user, identity)])
    return user


async def _load(ports: Ports, id: str, expected_version: int) -> User:
    user = await ports.users.get(id)
    if user is None:
        raise NotFound(f"No user {id!r}.", {"id": id})
    if user.version != expected_version:
        raise Conflict(f"The user is at version {user.version}, not {expected_version}; reload it.")
    return user


@dataclass(frozen=True)
class UpdateUser:
    id: str
    expected_version: int
    name: str | None = None
    email: str | None = None
    role: Role | None = None
    team: str | None = None
    manager_id: str | None = None


async def update_user(cmd: UpdateUser, identity: Identity, ports: Ports) -> User:
    require_admin(identity, "manage users")
    user = await _load(ports, cmd.id, cmd.expected_version)
    await _check_manager(ports, cmd.manager_id)
    after = rules.change_user(
        user, ports.clock(), name=cmd.name, email=cmd.email, role=cmd.role, team=cmd.team,
        manager_id=cmd.manager_id,
    )  # fmt: skip
    await ports.users.save(
        after, cmd.expected_version, [events.user_changed("user.updated", after, identity)]
    )
    return after


async def choose_locale(locale: str, identity: Identity, ports: Ports) -> User:
    """Any user chooses their own language (``user.updated``)."""
    user = await ports.users.get(identity.user_id)
    if user is None:
        raise NotFound(f"No user {identity.user_id!r}.", {"id": identity.user_id})
    after = rules.choose_locale(user, ports.clock(), locale)
    if after is not user:
        await ports.users.save(after, user.version, [events.user_changed("user.updated", after, identity)])
    return after


async def deactivate_user(id: str, expected_version: int, identity: Identity, ports: Ports) -> User:
    require_admin(identity, "manage users")
    return await deactivate(await _load(ports, id, expected_version), identity, ports)


async def deactivate(user: User, identity: Identity, ports: Ports) -> User:
    """``user`` as loaded; the caller has been checked (``access.may_deactivate``)."""
    if not user.active:
        return user
    if await _owns_open_opportunities(ports, user.id):
        raise OwnsOpenOpportunities(
            f"{user.name} still owns open opportunities: hand them over before deactivating.",
            {"userId": user.id},
        )
    expected_version = user.version
    after = rules.deactivate(user, ports.clock())
    await ports.users.save(
        after, expected_version, [events.user_changed("user.deactivated", after, identity)]
    )
    return after


async def reactivate_user(id: str, expected_version: int, identity: Identity, ports: Ports) -> User:
    """Administrators only; an active user is returned unchanged."""
    require_admin(identity, "manage users")
    user = await _load(ports, id, expected_version)
    if user.active:
        return user
    after = rules.reactivate(user, ports.clock())
    await ports.users.save(after, expected_version, [events.user_changed("user.updated", after, identity)])
    return after


async def _owns_open_opportunities(ports: Ports, user_id: str) -> bool:
    page = await ports.opportunities.find(
        OpportunityQuery(
            OpportunityFilter(status=Status.OPEN), Scope(owner_id=user_id), ports.clock().date(),
            first=1, histories=False,
        )
    )  # fmt: skip
    return page.total_count > 0

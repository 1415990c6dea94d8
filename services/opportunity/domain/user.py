"""Users: reps own opportunities, managers see their team's, admins configure everything."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from servicekit.i18n import DEFAULT_LOCALE, LOCALES, normalize_locale
from services.opportunity.domain.errors import InvalidInput

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Role(StrEnum):
    REP = "REP"
    MANAGER = "MANAGER"
    ADMIN = "ADMIN"


@dataclass(frozen=True)
class User:
    id: str
    name: str
    email: str
    role: Role
    created_at: datetime
    updated_at: datetime
    team: str | None = None
    manager_id: str | None = None
    active: bool = True
    version: int = 1
    chosen_locale: str | None = None
    """The language the user chose (zh-TW or en); None until they choose."""

    @property
    def locale(self) -> str:
        """What they read: their choice, else the organisation's zh-TW."""
        return self.chosen_locale or DEFAULT_LOCALE


def _name(value: str) -> str:
    name = (value or "").strip()
    if not 1 <= len(name) <= 100:
        raise InvalidInput("name", "A name is 1 to 100 characters.")
    return name


def _email(value: str) -> str:
    email = (value or "").strip().lower()
    if len(email) > 254 or not _EMAIL.match(email):
        raise InvalidInput("email", f"{value!r} is not an e-mail address.")
    return email


def _team(value: str | None) -> str | None:
    team = (value or "").strip()
    if len(team) > 60:
        raise InvalidInput("team", "A team name is at most 60 characters.")
    return team or None


def new_user(
    *, id: str, name: str, email: str, role: Role, now: datetime, team: str | None = None,
    manager_id: str | None = None,
) -> User:  # fmt: skip
    if manager_id == id:
        raise InvalidInput("managerId", "A user cannot be their own manager.")
    return User(
        id=id, name=_name(name), email=_email(email), role=role, team=_team(team), manager_id=manager_id,
        created_at=now, updated_at=now,
    )  # fmt: skip


def change_user(
    user: User, now: datetime, *, name: str | None = None, email: str | None = None, role: Role | None = None,
    team: str | None = None, manager_id: str | None = None,
) -> User:  # fmt: skip
    if manager_id is not None and manager_id == user.id:
        raise InvalidInput("managerId", "A user cannot be their own manager.")
    return replace(
        user,
        name=user.name if name is None else _name(name),
        email=user.email if email is None else _email(email),
        role=user.role if role is None else role,
        team=user.team if team is None else _team(team),
        manager_id=user.manager_id if manager_id is None else (manager_id or None),
        updated_at=now,
        version=user.version + 1,
    )


def choose_locale(user: User, now: datetime, locale: str) -> User:
    chosen = normalize_locale(locale)
    if chosen is None:
        raise InvalidInput("locale", f"Choose one of {', '.join(LOCALES)}, not {locale!r}.")
    if chosen == user.chosen_locale:
        return user
    return replace(user, chosen_locale=chosen, updated_at=now, version=user.version + 1)


def deactivate(user: User, now: datetime) -> User:
    """A user who left keeps their history; they receive no new opportunities."""
    return replace(user, active=False, updated_at=now, version=user.version + 1)


def reactivate(user: User, now: datetime) -> User:
    """A user who came back signs in again with their history; they own nothing until assigned."""
    return replace(user, active=True, updated_at=now, version=user.version + 1)

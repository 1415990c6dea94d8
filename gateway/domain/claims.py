"""From a verified access token's claims to the caller's identity."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from servicekit.active_callers import ACCOUNT_DEACTIVATED, DEACTIVATED_MESSAGE
from servicekit.identity import ROLES, Identity


class AuthenticationFailed(Exception):
    """The access token is missing, expired, forged, or says nothing we can use."""

    code = "UNAUTHENTICATED"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        # One message for every cause: a client learns nothing about which check failed.
        self.message = "Sign in again: the access token is missing, expired or invalid."


class AccountDeactivated(AuthenticationFailed):
    """The token is valid, but the user it names has been deactivated."""

    code = ACCOUNT_DEACTIVATED

    def __init__(self) -> None:
        super().__init__("deactivated")
        self.message = DEACTIVATED_MESSAGE


ROLE_CLAIM = "role"
TEAM_CLAIM = "team"
NAME_CLAIM = "name"


def identity_from_claims(claims: Mapping[str, Any]) -> Identity:
    """``sub`` is the user id in the opportunity service; ``role`` and ``team`` scope what they see."""
    subject = claims.get("sub")
    role = claims.get(ROLE_CLAIM)
    if not isinstance(subject, str) or not subject:
        raise AuthenticationFailed("no subject")
    if role not in ROLES:
        raise AuthenticationFailed("no known role")
    team = claims.get(TEAM_CLAIM)
    name = claims.get(NAME_CLAIM)
    return Identity(
        user_id=subject,
        role=str(role),
        team=team if isinstance(team, str) else None,
        name=name if isinstance(name, str) else None,
    )

"""The caller's identity as the gateway vouches for it.

The gateway authenticates the end user, then calls a service with a short-lived token signed
with the internal secret (``INTERNAL_SECRET``) in the ``x-pipewise-identity`` header. Services
trust nothing else: a call without a valid identity is refused.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

IDENTITY_HEADER = "x-pipewise-identity"
_AUDIENCE = "pipewise-services"
_ISSUER = "pipewise-gateway"
_ALGORITHM = "HS256"

ROLES = ("REP", "MANAGER", "ADMIN")


@dataclass(frozen=True)
class Identity:
    """Who is calling. ``user_id`` is an opportunity-service user id; ``team`` scopes managers."""

    user_id: str
    role: str
    team: str | None = None
    name: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == "ADMIN"

    @property
    def is_manager(self) -> bool:
        return self.role == "MANAGER"

    @property
    def is_rep(self) -> bool:
        return self.role == "REP"


SYSTEM = Identity(user_id="system", role="ADMIN", name="system")
"""Used by processes acting on their own (seeding, imports run as jobs)."""


class InvalidIdentity(Exception):
    """The identity header is missing, expired, forged or malformed."""


def sign_identity(identity: Identity, secret: str, *, ttl: timedelta = timedelta(minutes=5)) -> str:
    now = datetime.now(UTC)
    claims: dict[str, Any] = {
        "sub": identity.user_id,
        "role": identity.role,
        "team": identity.team,
        "name": identity.name,
        "iss": _ISSUER,
        "aud": _AUDIENCE,
        "iat": now,
        "exp": now + ttl,
    }
    return jwt.encode(claims, secret, algorithm=_ALGORITHM)


_VERIFIED: dict[tuple[str, str], tuple[Identity, float]] = {}
"""Tokens already verified, with their expiry: the gateway signs an identity once every couple of
minutes and sends that token with every call, so its signature is checked once, not per call."""
_VERIFIED_MAX = 4096


def verify_identity(token: str | None, secret: str) -> Identity:
    if not token:
        raise InvalidIdentity("missing identity")
    known = _VERIFIED.get((token, secret))
    if known is not None and time.time() < known[1]:
        return known[0]
    try:
        claims = jwt.decode(
            token, secret, algorithms=[_ALGORITHM], audience=_AUDIENCE, issuer=_ISSUER,
            options={"require": ["exp", "sub", "aud", "iss"]},
        )  # fmt: skip
    except jwt.PyJWTError as exc:
        raise InvalidIdentity(str(exc)) from exc
    if claims.get("role") not in ROLES:
        raise InvalidIdentity("unknown role")
    identity = Identity(
        user_id=str(claims["sub"]), role=claims["role"], team=claims.get("team"), name=claims.get("name")
    )
    if len(_VERIFIED) >= _VERIFIED_MAX:
        _VERIFIED.clear()
    _VERIFIED[(token, secret)] = (identity, float(claims["exp"]))
    return identity

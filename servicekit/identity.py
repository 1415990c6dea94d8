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

from servicekit.token_cache import Clock, TokenCache

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


class IdentityVerifier:
    """Checks the identities signed with ``secret``; each token's signature is checked once and
    the token remembered until it expires (``clock`` decides when, for the expiry too)."""

    def __init__(self, secret: str, clock: Clock = time.time) -> None:
        self._secret = secret
        self._clock = clock
        self._verified: TokenCache[Identity] = TokenCache(4096, clock)

    def verify(self, token: str | None) -> Identity:
        if not token:
            raise InvalidIdentity("missing identity")
        known = self._verified.get(token)
        if known is not None:
            return known
        try:
            claims = jwt.decode(
                token, self._secret, algorithms=[_ALGORITHM], audience=_AUDIENCE, issuer=_ISSUER,
                # The expiry is checked against ``clock``, the one the cache keeps tokens by.
                options={"require": ["exp", "sub", "aud", "iss"], "verify_exp": False},
            )  # fmt: skip
        except jwt.PyJWTError as exc:
            raise InvalidIdentity(str(exc)) from exc
        if float(claims["exp"]) <= self._clock():
            raise InvalidIdentity("Signature has expired")
        if claims.get("role") not in ROLES:
            raise InvalidIdentity("unknown role")
        identity = Identity(
            user_id=str(claims["sub"]), role=claims["role"], team=claims.get("team"), name=claims.get("name")
        )
        self._verified.put(token, identity, float(claims["exp"]))
        return identity

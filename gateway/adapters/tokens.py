"""Access-token verification: HS256 with a shared secret locally, RS256 against a JWKS in production."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

import jwt

from gateway.adapters.user_status import UserStatus
from gateway.domain.claims import AccountDeactivated, AuthenticationFailed, identity_from_claims
from gateway.settings import GatewaySettings
from servicekit.i18n import current_locale
from servicekit.identity import Identity
from servicekit.token_cache import Clock, TokenCache

_REQUIRED_CLAIMS = ["exp", "iat", "sub", "iss", "aud"]


class TokenVerifier(Protocol):
    async def verify(self, token: str) -> Identity: ...


_REMEMBERED_MAX = 10_000


class _JwtVerifier:
    """Checks a token once: a front end sends the same token with every request until it
    expires, so a verified token is remembered (by its exact text) until its expiry."""

    def __init__(self, settings: GatewaySettings, clock: Clock = time.time) -> None:
        self._issuer = settings.jwt_issuer
        self._audience = settings.jwt_audience
        self._algorithm = settings.jwt_algorithm
        self._verified: TokenCache[Identity] = TokenCache(_REMEMBERED_MAX, clock)

    def _remembered(self, token: str) -> Identity | None:
        return self._verified.get(token)

    def _decode(self, token: str, key: Any) -> Identity:
        try:
            claims = jwt.decode(
                token, key, algorithms=[self._algorithm], audience=self._audience, issuer=self._issuer,
                options={"require": _REQUIRED_CLAIMS}, leeway=30,
            )  # fmt: skip
        except jwt.PyJWTError as exc:
            raise AuthenticationFailed(type(exc).__name__) from exc
        identity = identity_from_claims(claims)
        self._verified.put(token, identity, float(claims["exp"]))
        return identity


class SharedSecretVerifier(_JwtVerifier):
    """HS256: the gateway and the token issuer share ``JWT_SECRET``."""

    def __init__(self, settings: GatewaySettings, clock: Clock = time.time) -> None:
        super().__init__(settings, clock)
        self._secret = settings.jwt_secret.get_secret_value()

    async def verify(self, token: str) -> Identity:
        return self._remembered(token) or self._decode(token, self._secret)


class JwksVerifier(_JwtVerifier):
    """RS256: keys come from the identity provider's JWKS URL, fetched on first use, cached, and
    re-fetched when a token names a key id not seen before (key rotation)."""

    def __init__(self, settings: GatewaySettings, clock: Clock = time.time) -> None:
        super().__init__(settings, clock)
        if not settings.jwks_url:
            raise ValueError("JWT_ALGORITHM=RS256 needs JWKS_URL")
        self._keys = jwt.PyJWKClient(settings.jwks_url, cache_keys=True, lifespan=300, timeout=5)
        # Key fetches block (urllib): they get threads of their own, so a slow identity provider
        # never starves the loop's shared executor (name resolution, files) or the other way round.
        self._fetcher = ThreadPoolExecutor(max_workers=2, thread_name_prefix="jwks")

    async def verify(self, token: str) -> Identity:
        if (known := self._remembered(token)) is not None:
            return known
        try:
            # PyJWKClient fetches with blocking urllib; keep it off the event loop.
            loop = asyncio.get_running_loop()
            signing_key = await loop.run_in_executor(
                self._fetcher, self._keys.get_signing_key_from_jwt, token
            )
        except jwt.PyJWTError as exc:
            raise AuthenticationFailed(type(exc).__name__) from exc
        return self._decode(token, signing_key.key)


class ActiveUsersOnly:
    """A verifier that also refuses a valid token naming a deactivated user. Every way in (the
    HTTP request guard, a WebSocket's ``connection_init``, file downloads) verifies through it."""

    def __init__(self, verifier: TokenVerifier, status: UserStatus) -> None:
        self._verifier = verifier
        self._status = status

    async def verify(self, token: str) -> Identity:
        identity = await self._verifier.verify(token)
        if not await self._status.is_active(identity.user_id):
            raise AccountDeactivated()
        # The caller's own language outranks their Accept-Language (LocaleMiddleware's choice),
        # for this request and every service call it makes.
        if (chosen := self._status.locale(identity.user_id)) is not None:
            current_locale.set(chosen)
        return identity


def token_verifier(settings: GatewaySettings, status: UserStatus | None = None) -> TokenVerifier:
    verifier: TokenVerifier = (
        JwksVerifier(settings) if settings.jwt_algorithm == "RS256" else SharedSecretVerifier(settings)
    )
    return verifier if status is None else ActiveUsersOnly(verifier, status)


def issue_local_token(settings: GatewaySettings, identity: Identity, *, ttl: timedelta | None = None) -> str:
    """A token for local runs and demos, signed with the HS256 secret."""
    now = datetime.now(UTC)
    claims = {
        "sub": identity.user_id,
        "role": identity.role,
        "team": identity.team,
        "name": identity.name,
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + (ttl or timedelta(seconds=settings.jwt_ttl_seconds)),
    }
    return jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")

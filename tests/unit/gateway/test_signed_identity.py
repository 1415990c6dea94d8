"""The identity the gateway signs for services: checked once per token, never trusted past its
expiry or under another secret. The verifier's clock is moved rather than waited on."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from servicekit.identity import Identity, IdentityVerifier, InvalidIdentity, sign_identity
from servicekit.token_cache import TokenCache

SECRET = "a-unit-test-internal-secret-of-32-bytes"
REP = Identity(user_id="rep-1", role="REP", team="north", name="Rep")


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def test_a_token_verified_before_is_accepted_again_with_the_same_identity():
    verifier = IdentityVerifier(SECRET)
    token = sign_identity(REP, SECRET)
    assert verifier.verify(token) == REP
    assert verifier.verify(token) == REP


def test_a_token_verified_before_is_refused_under_another_secret():
    token = sign_identity(REP, SECRET)
    IdentityVerifier(SECRET).verify(token)
    with pytest.raises(InvalidIdentity):
        IdentityVerifier("another-secret-of-at-least-32-bytes-long").verify(token)


def test_a_token_verified_before_is_refused_once_it_expires():
    clock = Clock()
    verifier = IdentityVerifier(SECRET, clock)
    token = sign_identity(REP, SECRET, ttl=timedelta(minutes=5))
    assert verifier.verify(token) == REP
    clock.now += 4 * 60
    assert verifier.verify(token) == REP
    clock.now += 61
    with pytest.raises(InvalidIdentity, match="expired"):
        verifier.verify(token)


def test_a_missing_or_forged_identity_is_refused():
    verifier = IdentityVerifier(SECRET)
    with pytest.raises(InvalidIdentity, match="missing"):
        verifier.verify(None)
    with pytest.raises(InvalidIdentity):
        verifier.verify(sign_identity(REP, SECRET)[:-4] + "AAAA")


def test_the_token_cache_forgets_expired_tokens_and_the_least_recently_used_when_full():
    clock = Clock()
    cache: TokenCache[str] = TokenCache(maxsize=2, clock=clock)
    cache.put("a", "A", clock.now + 10)
    cache.put("b", "B", clock.now + 100)
    assert cache.get("a") == "A"  # now "b" is the least recently used
    cache.put("c", "C", clock.now + 100)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == ("A", None, "C")
    clock.now += 11
    assert (cache.get("a"), cache.get("c")) == (None, "C")

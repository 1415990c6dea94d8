"""The identity the gateway signs for services: checked once per token, never trusted past its
expiry or under another secret."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from servicekit.identity import Identity, InvalidIdentity, sign_identity, verify_identity

SECRET = "a-unit-test-internal-secret-of-32-bytes"
REP = Identity(user_id="rep-1", role="REP", team="north", name="Rep")


def test_a_token_verified_before_is_accepted_again_with_the_same_identity():
    token = sign_identity(REP, SECRET)
    assert verify_identity(token, SECRET) == REP
    assert verify_identity(token, SECRET) == REP


def test_a_token_verified_before_is_refused_under_another_secret():
    token = sign_identity(REP, SECRET)
    verify_identity(token, SECRET)
    with pytest.raises(InvalidIdentity):
        verify_identity(token, "another-secret-of-at-least-32-bytes-long")


def test_a_token_verified_before_is_refused_once_it_expires():
    # Expiry is kept in whole seconds (rounded down), so 3 s leave at least 2 for the first check.
    token = sign_identity(REP, SECRET, ttl=timedelta(seconds=3))
    assert verify_identity(token, SECRET) == REP
    time.sleep(3.05)
    with pytest.raises(InvalidIdentity):
        verify_identity(token, SECRET)

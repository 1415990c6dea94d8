"""The gateway signs a caller's identity once and reuses the signature for a while (less than
the signature's own lifetime), then signs it again; a service accepts what it sends."""

from __future__ import annotations

import pytest

from gateway.adapters import services
from gateway.adapters.services import _IDENTITY_TTL, _RESIGN_AFTER_SECONDS, _IdentitySigner
from servicekit.identity import Identity, IdentityVerifier

SECRET = "a-test-secret-that-is-long-enough-32b"
REP = Identity(user_id="u-1", role="REP", team="north")
MANAGER = Identity(user_id="m-1", role="MANAGER", team="north")


def test_a_signature_is_reused_until_it_is_due_then_signed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    signed: list[Identity] = []
    sign = services.sign_identity

    def counting_sign(identity: Identity, secret: str, **kwargs: object) -> str:
        signed.append(identity)
        return sign(identity, secret, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "sign_identity", counting_sign)
    now = [1_000.0]
    signer = _IdentitySigner(SECRET, clock=lambda: now[0])

    first = signer.header(REP)
    now[0] += _RESIGN_AFTER_SECONDS - 1
    assert signer.header(REP) == first
    assert signed == [REP]
    now[0] += 2
    signer.header(REP)
    assert signed == [REP, REP]
    assert _IDENTITY_TTL.total_seconds() > _RESIGN_AFTER_SECONDS


def test_each_identity_gets_its_own_signature_which_a_service_accepts() -> None:
    signer = _IdentitySigner(SECRET)
    verifier = IdentityVerifier(SECRET)
    assert verifier.verify(signer.header(MANAGER)) == MANAGER
    assert verifier.verify(signer.header(REP)) == REP

import pytest

from gateway.domain.claims import AuthenticationFailed, identity_from_claims


def test_claims_become_the_callers_identity():
    identity = identity_from_claims({"sub": "u-1", "role": "MANAGER", "team": "north", "name": "Mei"})
    assert (identity.user_id, identity.role, identity.team, identity.name) == (
        "u-1",
        "MANAGER",
        "north",
        "Mei",
    )


@pytest.mark.parametrize("claims", [{"role": "REP"}, {"sub": "u-1"}, {"sub": "u-1", "role": "ROOT"}])
def test_a_token_without_a_subject_or_a_known_role_is_refused(claims):
    with pytest.raises(AuthenticationFailed) as refused:
        identity_from_claims(claims)
    assert refused.value.code == "UNAUTHENTICATED"

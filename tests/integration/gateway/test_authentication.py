"""Bearer tokens: HS256 with a shared secret, RS256 against a JWKS served over real HTTP."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import timedelta

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from gateway.adapters.tokens import issue_local_token
from gateway.api.app import create_app
from gateway.settings import GatewaySettings
from servicekit.identity import Identity
from tests.integration.gateway._serving import serving

VIEWER = {"query": "{ viewer { userId role team } }"}
REP = Identity(user_id="rep-1", role="REP", team="north", name="Ann")


@pytest.fixture(scope="module")
def settings() -> GatewaySettings:
    return GatewaySettings(jwt_secret="a-test-secret-that-is-long-enough-for-hs256")


async def ask(settings: GatewaySettings, headers: dict[str, str]) -> httpx.Response:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://gateway", headers={"accept-language": "en"}
        ) as client:
            return await client.post("/graphql", json=VIEWER, headers=headers)


async def test_a_valid_local_token_identifies_the_caller(settings):
    token = issue_local_token(settings, REP)
    response = await ask(settings, {"authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json()["data"]["viewer"] == {"userId": "rep-1", "role": "REP", "team": "north"}


def _claims(settings: GatewaySettings, **overrides):
    now = int(time.time())
    claims = {"sub": "rep-1", "role": "REP", "iss": settings.jwt_issuer, "aud": settings.jwt_audience,
              "iat": now, "exp": now + 600}  # fmt: skip
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


@pytest.mark.parametrize(
    "case",
    ["expired", "wrong issuer", "wrong audience", "wrong secret", "no expiry", "no header", "not bearer"],
)
async def test_a_bad_token_is_refused_with_unauthenticated(settings, case):
    secret = settings.jwt_secret.get_secret_value()
    claims = _claims(settings)
    if case == "expired":
        claims = _claims(settings, exp=int(time.time()) - 3600)
    elif case == "wrong issuer":
        claims = _claims(settings, iss="someone-else")
    elif case == "wrong audience":
        claims = _claims(settings, aud="another-app")
    elif case == "wrong secret":
        secret = "not-the-secret-the-gateway-knows-at-all"
    elif case == "no expiry":
        claims = _claims(settings, exp=None)
    token = jwt.encode(claims, secret, algorithm="HS256")
    headers = {"authorization": f"Bearer {token}"}
    if case == "no header":
        headers = {}
    elif case == "not bearer":
        headers = {"authorization": f"Basic {token}"}

    response = await ask(settings, headers)

    assert response.status_code == 401
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    # One message whatever failed: a caller learns nothing about which check it tripped.
    assert "expired or invalid" in error["message"]


async def test_an_rs256_token_is_verified_against_the_identity_providers_jwks():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    jwk.update({"kid": "key-1", "use": "sig", "alg": "RS256"})
    fetched: list[int] = []

    async def jwks(_request):
        fetched.append(1)
        return JSONResponse({"keys": [jwk]})

    idp = Starlette(routes=[Route("/.well-known/jwks.json", jwks)])
    async with asyncio.timeout(60), serving(idp) as idp_url:
        settings = GatewaySettings(
            jwt_algorithm="RS256", jwks_url=f"{idp_url}/.well-known/jwks.json",
            jwt_issuer="https://idp.example", jwt_audience="pipewise",
        )  # fmt: skip
        claims = _claims(settings, sub="mgr-1", role="MANAGER", team="north")
        good = jwt.encode(claims, key, algorithm="RS256", headers={"kid": "key-1"})
        forged = jwt.encode(claims, other_key, algorithm="RS256", headers={"kid": "key-1"})
        hs_confusion = jwt.encode(
            claims, "a-guessed-shared-secret-of-32-bytes!", algorithm="HS256", headers={"kid": "key-1"}
        )

        app = create_app(settings)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
                accepted = await client.post(
                    "/graphql", json=VIEWER, headers={"authorization": f"Bearer {good}"}
                )
                refused = [
                    await client.post("/graphql", json=VIEWER, headers={"authorization": f"Bearer {token}"})
                    for token in (forged, hs_confusion)
                ]

    assert accepted.json()["data"]["viewer"] == {"userId": "mgr-1", "role": "MANAGER", "team": "north"}
    assert [r.status_code for r in refused] == [401, 401]
    assert fetched, "the gateway fetched the signing keys from the JWKS URL"


async def test_a_locally_issued_token_expires(settings):
    token = issue_local_token(settings, REP, ttl=timedelta(seconds=-120))
    response = await ask(settings, {"authorization": f"Bearer {token}"})
    assert response.status_code == 401

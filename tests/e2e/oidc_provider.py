"""A minimal OpenID Connect provider for the console's browser tests: the identity provider is
the edge of the world, so the tests run one of their own that speaks the protocol the console and
the gateway rely on, and nothing more.

- ``/.well-known/openid-configuration``: the discovery document.
- ``/authorize``: a page listing the users it knows; choosing one redirects back to the client's
  registered redirect URI with a one-time code. Only ``response_type=code`` with an S256 PKCE
  challenge is accepted.
- ``/token``: trades a code for tokens, checking the client, the redirect URI and the PKCE
  verifier; and a refresh token for new tokens (refresh tokens rotate: each works once).
- ``/jwks``: the public key that signs the RS256 access tokens the gateway verifies.
- ``/logout``: ends the session and redirects to the client's ``post_logout_redirect_uri``.
- ``/test/stats``: what happened (codes traded, refreshes, sign-outs), for the tests to check.
"""

from __future__ import annotations

import base64
import hashlib
import html
import secrets
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import jwt
import uvicorn
from cryptography.hazmat.primitives.asymmetric import rsa
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

KEY_ID = "console-e2e-1"
ACCESS_TOKEN_SECONDS = 75  # short, so that a test sees the console refresh it


@dataclass(frozen=True)
class Client:
    client_id: str
    redirect_uris: tuple[str, ...]
    post_logout_redirect_uris: tuple[str, ...]


@dataclass
class _Grant:
    user: Mapping[str, Any]
    client_id: str
    redirect_uri: str
    challenge: str
    nonce: str | None
    scope: str


@dataclass
class Stats:
    codes: int = 0
    refreshes: int = 0
    sign_outs: int = 0
    refused: list[str] = field(default_factory=list)


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def s256(verifier: str) -> str:
    return _b64url(hashlib.sha256(verifier.encode()).digest())


class Provider:
    """``users()``: the people who may sign in (``id``, ``name``, ``email``, ``role``, ``team``)."""

    def __init__(
        self, issuer: str, client: Client, users: Callable[[], Sequence[Mapping[str, Any]]], audience: str
    ) -> None:
        self.issuer = issuer
        self.client = client
        self._users = users
        self._audience = audience
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._codes: dict[str, _Grant] = {}
        self._refresh: dict[str, _Grant] = {}
        self._lock = threading.Lock()
        self.stats = Stats()

    # Endpoints -------------------------------------------------------------------------------

    async def discovery(self, _: Request) -> Response:
        base = self.issuer
        return JSONResponse({
            "issuer": base, "authorization_endpoint": f"{base}/authorize", "token_endpoint": f"{base}/token",
            "jwks_uri": f"{base}/jwks", "end_session_endpoint": f"{base}/logout",
            "response_types_supported": ["code"], "grant_types_supported": ["authorization_code", "refresh_token"],
            "code_challenge_methods_supported": ["S256"], "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"], "token_endpoint_auth_methods_supported": ["none"],
            "scopes_supported": ["openid", "profile", "email", "offline_access"],
        })  # fmt: skip

    async def jwks(self, _: Request) -> Response:
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self._key.public_key(), as_dict=True)
        return JSONResponse({"keys": [{**public, "kid": KEY_ID, "use": "sig", "alg": "RS256"}]})

    def _refuse(self, status: int, error: str, description: str) -> Response:
        self.stats.refused.append(error)
        return JSONResponse({"error": error, "error_description": description}, status_code=status)

    async def authorize(self, request: Request) -> Response:
        q = request.query_params
        problem = self._authorize_problem(q)
        if problem:
            return self._refuse(400, "invalid_request", problem)
        if request.method == "GET":
            return HTMLResponse(self._chooser(dict(q)))
        form = await request.form()
        user = next((u for u in self._users() if u["id"] == form.get("user")), None)
        if user is None:
            return self._refuse(400, "access_denied", "no such user")
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._codes[code] = _Grant(
                user,
                q["client_id"],
                q["redirect_uri"],
                q["code_challenge"],
                q.get("nonce"),
                q.get("scope", ""),
            )
        back = {"code": code, "state": q.get("state", ""), "iss": self.issuer}
        return RedirectResponse(f"{q['redirect_uri']}?{urlencode(back)}", status_code=303)

    def _authorize_problem(self, q: Mapping[str, str]) -> str | None:
        if q.get("client_id") != self.client.client_id:
            return "unknown client"
        if q.get("redirect_uri") not in self.client.redirect_uris:
            return "redirect_uri is not registered"
        if q.get("response_type") != "code":
            return "only the authorization code flow"
        if q.get("code_challenge_method") != "S256" or not q.get("code_challenge"):
            return "PKCE with S256 is required"
        if "openid" not in q.get("scope", "").split():
            return "scope must include openid"
        return None

    def _chooser(self, query: Mapping[str, str]) -> str:
        action = html.escape(f"/authorize?{urlencode(query)}")
        options = "".join(
            f'<li><button name="user" value="{html.escape(u["id"])}">{html.escape(u["name"])}'
            f" ({html.escape(u['email'])})</button></li>"
            for u in self._users()
        )
        return (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider'
            f'</title></head><body><main><h1>Test identity provider</h1><form method="post" action="{action}">'
            f'<ul aria-label="Accounts">{options}</ul></form></main></body></html>'
        )

    async def token(self, request: Request) -> Response:
        form = await request.form()
        if form.get("client_id") != self.client.client_id:
            return self._refuse(401, "invalid_client", "unknown client")
        grant_type = form.get("grant_type")
        with self._lock:
            if grant_type == "authorization_code":
                grant = self._codes.pop(str(form.get("code", "")), None)
                if grant is None:
                    return self._refuse(400, "invalid_grant", "unknown or used code")
                if form.get("redirect_uri") != grant.redirect_uri:
                    return self._refuse(400, "invalid_grant", "redirect_uri differs")
                if s256(str(form.get("code_verifier", ""))) != grant.challenge:
                    return self._refuse(400, "invalid_grant", "PKCE verifier does not match")
                self.stats.codes += 1
            elif grant_type == "refresh_token":
                grant = self._refresh.pop(str(form.get("refresh_token", "")), None)
                if grant is None:
                    return self._refuse(400, "invalid_grant", "unknown or used refresh token")
                self.stats.refreshes += 1
            else:
                return self._refuse(400, "unsupported_grant_type", str(grant_type))
            refresh = secrets.token_urlsafe(24)
            self._refresh[refresh] = grant
        return JSONResponse(
            {
                "access_token": self._access_token(grant.user),
                "id_token": self._id_token(grant),
                "refresh_token": refresh,
                "token_type": "Bearer",
                "expires_in": ACCESS_TOKEN_SECONDS,
                "scope": grant.scope,
            },
            headers={"cache-control": "no-store"},
        )

    async def logout(self, request: Request) -> Response:
        target = request.query_params.get("post_logout_redirect_uri")
        if target and target not in self.client.post_logout_redirect_uris:
            return self._refuse(400, "invalid_request", "post_logout_redirect_uri is not registered")
        self.stats.sign_outs += 1
        if not target:
            return HTMLResponse("<!doctype html><title>Signed out</title><p>Signed out.</p>")
        state = request.query_params.get("state")
        return RedirectResponse(
            f"{target}?{urlencode({'state': state})}" if state else target, status_code=303
        )

    async def stats_endpoint(self, _: Request) -> Response:
        s = self.stats
        return JSONResponse(
            {"codes": s.codes, "refreshes": s.refreshes, "signOuts": s.sign_outs, "refused": s.refused}
        )

    # Tokens ----------------------------------------------------------------------------------

    def _sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self._key, algorithm="RS256", headers={"kid": KEY_ID})

    def _access_token(self, user: Mapping[str, Any]) -> str:
        now = int(time.time())
        return self._sign({
            "iss": self.issuer, "aud": self._audience, "sub": user["id"], "role": user["role"],
            "team": user.get("team"), "name": user["name"], "iat": now, "exp": now + ACCESS_TOKEN_SECONDS,
            "jti": secrets.token_hex(8),
        })  # fmt: skip

    def _id_token(self, grant: _Grant) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer, "aud": grant.client_id, "sub": grant.user["id"], "name": grant.user["name"],
            "email": grant.user["email"], "iat": now, "exp": now + ACCESS_TOKEN_SECONDS,
        }  # fmt: skip
        if grant.nonce:
            claims["nonce"] = grant.nonce
        return self._sign(claims)

    def app(self, allowed_origins: list[str]) -> Starlette:
        routes = [
            Route("/.well-known/openid-configuration", self.discovery),
            Route("/authorize", self.authorize, methods=["GET", "POST"]),
            Route("/token", self.token, methods=["POST"]),
            Route("/jwks", self.jwks),
            Route("/logout", self.logout),
            Route("/test/stats", self.stats_endpoint),
        ]
        # The console calls discovery and the token endpoint from the browser, as a public client.
        cors = Middleware(
            CORSMiddleware, allow_origins=allowed_origins, allow_methods=["GET", "POST"], allow_headers=["*"]
        )
        return Starlette(routes=routes, middleware=[cors])


class RunningProvider:
    """The provider served by uvicorn on a thread of its own, until ``stop()``."""

    def __init__(self, provider: Provider, port: int, allowed_origins: list[str]) -> None:
        config = uvicorn.Config(
            provider.app(allowed_origins), host="127.0.0.1", port=port, log_level="warning"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="oidc-provider", daemon=True)

    def start(self) -> None:
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the test identity provider did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)

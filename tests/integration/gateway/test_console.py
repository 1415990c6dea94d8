"""The gateway serves the web console: its files with the right caching and security headers,
client routes answered with the page, its public configuration, and the local "sign in as"
endpoints, which are absent in production mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.gateway._system import ADMIN, running_system

pytestmark = pytest.mark.timeout(180)

VIEWER = "{ viewer { userId role name } }"


@pytest.fixture
def built_console(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text('<!doctype html><script type="module" src="/assets/app-3f9a.js">')
    (tmp_path / "assets" / "app-3f9a.js").write_text("console.log('board')")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    return tmp_path


async def test_console_files_are_cached_by_kind_and_client_routes_get_the_page(
    mongodb_url: str, amqp_url: str, built_console: Path
) -> None:
    async with running_system(mongodb_url, amqp_url, console_dir=str(built_console)) as system:
        page = await system.http.get("/")
        asset = await system.http.get("/assets/app-3f9a.js")
        client_route = await system.http.get("/opportunities/abc123")
        icon = await system.http.get("/favicon.svg")
        missing_asset = await system.http.get("/assets/app-0000.js")
        escape = await system.http.get("/assets/..%2f..%2fpyproject.toml")
        api_still_there = await system.http.get("/health/live")

    assert page.status_code == 200 and "app-3f9a.js" in page.text
    assert page.headers["cache-control"] == "no-cache"
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    host = system.url.removeprefix("http://")
    assert f"connect-src 'self' ws://{host} wss://{host}" in policy
    assert "frame-ancestors 'none'" in policy
    assert (
        asset.status_code == 200 and asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    )
    assert client_route.status_code == 200 and client_route.text == page.text
    assert "content-security-policy" in client_route.headers
    assert icon.status_code == 200 and icon.headers["cache-control"] == "no-cache"
    assert missing_asset.status_code == 404
    assert escape.status_code == 404
    assert api_still_there.status_code == 200


async def test_local_runs_list_the_users_and_sign_in_as_one(
    mongodb_url: str, amqp_url: str, built_console: Path
) -> None:
    async with running_system(mongodb_url, amqp_url, console_dir=str(built_console)) as system:
        rep = (
            await system.data(
                ADMIN,
                "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
                {"i": {"name": "陳志明", "email": "cm@example.com", "role": "REP", "team": "north"}},
            )
        )["createUser"]
        config = (await system.http.get("/console/config.json")).json()
        listed = (await system.http.get("/console/dev/users")).json()["users"]
        minted = await system.http.post("/console/dev/token", json={"userId": rep["id"]})
        unknown = await system.http.post("/console/dev/token", json={"userId": "nobody"})
        malformed = await system.http.post("/console/dev/token", content=b"not json")
        viewer = await system.http.post(
            "/graphql", json={"query": VIEWER}, headers={"authorization": f"Bearer {minted.json()['token']}"}
        )

    assert config == {"oidc": None, "devSignIn": True, "production": False}
    assert [(u["name"], u["role"], u["team"]) for u in listed] == [("陳志明", "REP", "north")]
    assert viewer.json()["data"]["viewer"] == {"userId": rep["id"], "role": "REP", "name": "陳志明"}
    assert unknown.status_code == 404 and unknown.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert malformed.status_code == 400
    assert malformed.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_production_mode_has_no_sign_in_as_and_publishes_the_identity_provider(
    mongodb_url: str, amqp_url: str, built_console: Path
) -> None:
    async with running_system(
        mongodb_url, amqp_url, console_dir=str(built_console), production=True,
        oidc_issuer="https://id.example.com/realms/sales", oidc_client_id="pipewise-console",
    ) as system:  # fmt: skip
        users = await system.http.get("/console/dev/users")
        token = await system.http.post("/console/dev/token", json={"userId": ADMIN.user_id})
        config = (await system.http.get("/console/config.json")).json()
        page = await system.http.get("/")

    assert users.status_code == 404
    assert token.status_code == 404
    assert config["devSignIn"] is False and config["production"] is True
    assert config["oidc"] == {
        "issuer": "https://id.example.com/realms/sales",
        "clientId": "pipewise-console",
        "scopes": "openid profile email offline_access",
    }
    assert "https://id.example.com" in page.headers["content-security-policy"]

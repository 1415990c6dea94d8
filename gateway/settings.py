"""The gateway's configuration: one frozen object read from the environment once."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from servicekit.settings import CommonSettings

_BUILT_CONSOLE = Path(__file__).resolve().parent.parent / "web" / "dist"


class GatewaySettings(CommonSettings):
    host: str = "127.0.0.1"
    port: int = 8000
    production: bool = Field(default=False, description="Turns off introspection and the in-browser IDE.")

    # End-user authentication. HS256 with a shared secret for local runs; RS256 with a JWKS URL
    # (the identity provider's published keys) in production.
    jwt_algorithm: Literal["HS256", "RS256"] = "HS256"
    jwt_secret: str = "dev-jwt-secret-change-me-in-production"
    jwks_url: str | None = None
    jwt_issuer: str = "pipewise-local"
    jwt_audience: str = "pipewise"
    jwt_ttl_seconds: int = 8 * 3600

    # What the services trust: the identity the gateway signs for each call.
    internal_secret: str = "dev-internal-secret-of-at-least-32-bytes"

    opportunity_url: str = "http://127.0.0.1:8101/graphql"
    notifications_url: str = "http://127.0.0.1:8201/graphql"
    reporting_url: str = "http://127.0.0.1:8301/graphql"
    service_timeout_seconds: float = 10.0
    catalogue_ttl_seconds: float = Field(
        default=10.0,
        description="Longest a kept list of users, pipelines or sources is used (events and the "
        "gateway's own mutations forget it sooner); 0 fetches them for every request.",
    )

    # Abuse limits. Their values are never echoed to clients.
    max_query_bytes: int = 32_000
    max_upload_bytes: int = 25 * 1024 * 1024
    max_tokens: int = 2_000
    max_depth: int = 10
    max_aliases: int = 30
    max_operations_per_batch: int = 10
    max_first: int = 100
    max_cost: int = 5_000
    parser_cache_size: int = 512

    # The web console served at / (web/README.md), and how it signs people in.
    console_dir: str | None = Field(default=None, description="The built console; default web/dist.")
    console_dev_sign_in: bool = Field(
        default=True, description='Offer local runs\' "sign in as" page (never in production mode).'
    )
    oidc_issuer: str | None = Field(
        default=None, description="The identity provider the console signs in with."
    )
    oidc_client_id: str | None = None
    oidc_scopes: str = "openid profile email offline_access"

    def console_path(self) -> Path:
        return Path(self.console_dir) if self.console_dir else _BUILT_CONSOLE

"""The gateway's configuration: one frozen object read from the environment once."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr

from servicekit.settings import DEV_JWT_SECRET, CommonSettings

_BUILT_CONSOLE = Path(__file__).resolve().parent.parent / "web" / "dist"


class GatewaySettings(CommonSettings):
    # End-user authentication. HS256 with a shared secret for local runs; RS256 with a JWKS URL
    # (the identity provider's published keys) in production.
    jwt_algorithm: Literal["HS256", "RS256"] = "HS256"
    jwt_secret: SecretStr = SecretStr(DEV_JWT_SECRET)
    jwks_url: str | None = None
    jwt_issuer: str = "pipewise-local"
    jwt_audience: str = "pipewise"
    jwt_ttl_seconds: int = 8 * 3600

    opportunity_url: str = "http://127.0.0.1:8101/graphql"
    notifications_url: str = "http://127.0.0.1:8201/graphql"
    reporting_url: str = "http://127.0.0.1:8301/graphql"
    service_timeout_seconds: float = 10.0
    bulk_timeout_seconds: float = Field(
        default=300.0,
        description="Time-out of a bulk assignment's call to the opportunity service (10,000 "
        "opportunities, each with its history and event, take far longer than a read).",
    )
    catalogue_ttl_seconds: float = Field(
        default=10.0,
        description="Longest a kept list of users, pipelines or sources is used (events and the "
        "gateway's own mutations forget it sooner); 0 fetches them for every request.",
    )

    user_status_ttl_seconds: float = Field(
        default=30.0,
        description="Longest the gateway trusts what it learnt of whether a user is active; a "
        "user.* event on the bus (a deactivation) updates it at once.",
    )

    # Abuse limits. Their values are never echoed to clients. Sizes are counted in characters
    # once decoded (gateway/api/limits/inputs.py); the body's byte limit is derived from them.
    max_query_chars: int = 32_000
    max_string_chars: int = Field(
        default=10_000,
        description="Longest string a client may send, in characters: the longest text any "
        "service takes (an activity's text).",
    )
    max_request_chars: int = Field(
        default=128_000,
        description="Largest request in characters, written as compact JSON: a batch of ten "
        "operations each carrying the longest text is about 100,000.",
    )
    max_bulk_request_chars: int = Field(
        default=1_000_000,
        description="Largest request that is one bulk assignment (assignOpportunities, "
        "distributeOpportunities, handOverOpportunities) alone: 10,000 targets, the most the API "
        "documents, are about 680,000.",
    )
    max_upload_bytes: int = 25 * 1024 * 1024
    max_tokens: int = 2_000
    max_depth: int = 10
    max_aliases: int = 30
    max_operations_per_batch: int = 10
    max_first: int = 100
    max_cost: int = 5_000
    parser_cache_size: int = 512

    # Request rates on /graphql, in the `limits` notation ("600/minute;20/second"; "" turns one
    # off), far above what a person at the console sends. Counted in this process's memory, or in
    # Redis when REDIS_URL is set, so that every replica counts the same hits.
    rate_limit_per_user: str = "1200/minute"
    rate_limit_per_address: str = Field(
        default="6000/minute", description="Per client address: an office behind one NAT shares it."
    )
    redis_url: str | None = None
    rate_limit_namespace: str = Field(
        default="pipewise-gateway", description="Prefix of the counters' keys (tests isolate on it)."
    )

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

    def secrets_in_use(self) -> dict[str, SecretStr]:
        secrets = super().secrets_in_use()
        if self.jwt_algorithm == "RS256":
            del secrets["jwt_secret"]  # tokens are checked against the identity provider's keys
        return secrets

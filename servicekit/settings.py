"""Settings read from the environment once, with safe defaults for a local run.

The development defaults of the secrets are published (in this repository), so production mode
(``PRODUCTION=true``) refuses to start with any of them, or with a secret too short to resist
guessing: every process's settings derive from ``CommonSettings``, whose validator checks each
secret the process uses and names the variable to set.
"""

from __future__ import annotations

from typing import Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from contracts.envelope import EXCHANGE

DEV_INTERNAL_SECRET = "dev-internal-secret-of-at-least-32-bytes"
DEV_JWT_SECRET = "dev-jwt-secret-change-me-in-production"
DEV_WEBHOOK_SECRET = "dev-webhook-secret"
DEVELOPMENT_SECRETS = frozenset({DEV_INTERNAL_SECRET, DEV_JWT_SECRET, DEV_WEBHOOK_SECRET})
MIN_SECRET_LENGTH = 32


class CommonSettings(BaseSettings):
    """What every process needs. Services subclass it and add their own fields."""

    model_config = SettingsConfigDict(frozen=True, extra="ignore", env_file=None)

    production: bool = Field(
        default=False,
        description="Production mode: refuses the development secrets; the gateway also turns off "
        "introspection, field suggestions and the in-browser IDE.",
    )
    mongodb_url: str = "mongodb://127.0.0.1:27017/?directConnection=true"
    amqp_url: str = "amqp://guest:guest@127.0.0.1:5672/"
    exchange: str = Field(default=EXCHANGE, description="The topic exchange for events.")
    queue_prefix: str = Field(default="", description="Prefix for queue names (tests isolate on it).")
    listen_host: str = Field(
        default="127.0.0.1",
        description="The interface every process listens on (its API, or its probes); 0.0.0.0 in a "
        "container, where the probes and the other services come from outside.",
    )
    port: int | None = Field(
        default=None,
        ge=1,
        le=65535,
        description="This process's port (its API, or its probes); unset, the one the process table "
        "(deploy/processes.py) gives it.",
    )
    log_level: str = "INFO"
    log_json: bool = True
    publish_timeout_seconds: float = 10.0
    internal_secret: SecretStr = Field(
        default=SecretStr(DEV_INTERNAL_SECRET),
        description="Signs the identity the gateway passes to the services (HS256).",
    )

    def port_or(self, default: int) -> int:
        return self.port if self.port is not None else default

    def secrets_in_use(self) -> dict[str, SecretStr]:
        """The secrets this process relies on, by field name; a subclass leaves out one its
        configuration does not use (the HS256 key when tokens are checked against a JWKS)."""
        return {
            name: value
            for name in type(self).model_fields
            if isinstance(value := getattr(self, name), SecretStr)
        }

    @model_validator(mode="after")
    def _refuse_development_secrets(self) -> Self:
        if not self.production:
            return self
        problems = [
            problem
            for name, secret in self.secrets_in_use().items()
            if (problem := _weakness(name.upper(), secret.get_secret_value()))
        ]
        if problems:
            raise ValueError(
                "PRODUCTION=true refuses to start: " + "; ".join(problems) + ". Set each to a random "
                f"value of at least {MIN_SECRET_LENGTH} characters (for example `openssl rand -hex 32`)."
            )
        return self


def _weakness(variable: str, secret: str) -> str | None:
    if secret in DEVELOPMENT_SECRETS:
        return f"{variable} is a published development default"
    if len(secret) < MIN_SECRET_LENGTH:
        return f"{variable} is shorter than {MIN_SECRET_LENGTH} characters"
    return None

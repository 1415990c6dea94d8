"""The opportunity service's settings: read once from the environment, passed down."""

from __future__ import annotations

from pydantic import AliasChoices, Field

from servicekit.settings import CommonSettings


class OpportunitySettings(CommonSettings):
    database: str = Field(
        default="opportunity", validation_alias=AliasChoices("OPPORTUNITY_DATABASE", "database")
    )
    internal_secret: str = Field(
        default="dev-internal-secret", validation_alias=AliasChoices("INTERNAL_SECRET", "internal_secret")
    )
    api_host: str = Field(default="127.0.0.1", validation_alias=AliasChoices("OPPORTUNITY_API_HOST", "api_host"))
    api_port: int = Field(default=8101, validation_alias=AliasChoices("OPPORTUNITY_API_PORT", "api_port"))
    relay_probe_port: int = Field(
        default=8102, validation_alias=AliasChoices("OPPORTUNITY_RELAY_PROBE_PORT", "relay_probe_port")
    )
    outbox_retention_days: int = Field(
        default=30, validation_alias=AliasChoices("OPPORTUNITY_OUTBOX_RETENTION_DAYS", "outbox_retention_days")
    )
    seed_default_pipeline: bool = Field(
        default=True, validation_alias=AliasChoices("OPPORTUNITY_SEED_DEFAULT_PIPELINE", "seed_default_pipeline")
    )

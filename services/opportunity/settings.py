"""The opportunity service's settings: read once from the environment, passed down."""

from __future__ import annotations

from pydantic import AliasChoices, Field

from servicekit.settings import CommonSettings
from services.opportunity.domain.attachments import DEFAULT_ALLOWED


class OpportunitySettings(CommonSettings):
    database: str = Field(
        default="opportunity", validation_alias=AliasChoices("OPPORTUNITY_DATABASE", "database")
    )
    # Attachments and imports: limits an operator may tune.
    attachment_max_bytes: int = Field(
        default=20 * 1024 * 1024,
        validation_alias=AliasChoices("OPPORTUNITY_ATTACHMENT_MAX_BYTES", "attachment_max_bytes"),
    )
    attachment_max_files_per_activity: int = Field(
        default=10,
        validation_alias=AliasChoices(
            "OPPORTUNITY_ATTACHMENT_MAX_FILES", "attachment_max_files_per_activity"
        ),
    )
    attachment_allowed_types: frozenset[str] = Field(
        default=DEFAULT_ALLOWED,
        validation_alias=AliasChoices("OPPORTUNITY_ATTACHMENT_TYPES", "attachment_allowed_types"),
    )
    import_max_rows: int = Field(
        default=10_000, validation_alias=AliasChoices("OPPORTUNITY_IMPORT_MAX_ROWS", "import_max_rows")
    )
    seed_default_pipeline: bool = Field(
        default=True,
        validation_alias=AliasChoices("OPPORTUNITY_SEED_DEFAULT_PIPELINE", "seed_default_pipeline"),
    )

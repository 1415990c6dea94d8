"""Importing a stack of business cards (a CSV export) as opportunities, spread across reps."""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry.file_uploads import Upload

from gateway.api.assignments.types import DistributionStrategy
from gateway.api.scalars import Date, DateTime

UNSET = strawberry.UNSET


@strawberry.enum
class ImportMode(Enum):
    ALL_OR_NOTHING = "ALL_OR_NOTHING"
    VALID_ROWS = "VALID_ROWS"


@strawberry.type
class ImportProblem:
    line: int
    field: str | None
    reason: str


@strawberry.type
class ImportDuplicate:
    line: int
    reason: str
    opportunity_id: strawberry.ID | None
    earlier_line: int | None


@strawberry.enum
class CardMatch(Enum):
    NAME = "NAME"
    EMAIL = "EMAIL"
    PHONE = "PHONE"
    TAX_NUMBER = "TAX_NUMBER"
    CREATED = "CREATED"


@strawberry.type(
    description="What one card became, and whether its account and contact were found or created."
)
class ImportLink:
    line: int
    opportunity_id: strawberry.ID
    account_id: strawberry.ID
    account_match: CardMatch
    contact_id: strawberry.ID
    contact_match: CardMatch


@strawberry.enum(description="What a column of an import file holds.")
class ImportField(Enum):
    COMPANY = "COMPANY"
    CONTACT = "CONTACT"
    TITLE = "TITLE"
    PHONE = "PHONE"
    EMAIL = "EMAIL"
    PRODUCT_INTEREST = "PRODUCT_INTEREST"
    AMOUNT = "AMOUNT"
    CURRENCY = "CURRENCY"
    NOTES = "NOTES"
    TAX_NUMBER = "TAX_NUMBER"
    ADDRESS = "ADDRESS"
    WEBSITE = "WEBSITE"
    INDUSTRY = "INDUSTRY"
    NOTE = "NOTE"
    IGNORE = "IGNORE"


@strawberry.enum
class ColumnMatchedBy(Enum):
    CHOSEN = "CHOSEN"
    SAVED = "SAVED"
    HEADER = "HEADER"
    VALUES = "VALUES"
    NONE = "NONE"


@strawberry.type(
    description="A column of the file and the field it was read as (the proposal, on a dry run)."
)
class ImportColumn:
    position: int
    header: str
    field: ImportField
    matched_by: ColumnMatchedBy
    samples: list[str]


@strawberry.input
class ColumnChoice:
    column: str = strawberry.field(description="The column's header, or its 1-based number.")
    field: ImportField


@strawberry.type
class ImportJob:
    id: strawberry.ID
    status: str
    filename: str
    encoding: str
    mode: ImportMode
    total_rows: int
    valid_rows: int
    to_create: int
    processed: int
    created: int
    percent_done: int
    problems: list[ImportProblem]
    duplicates: list[ImportDuplicate]
    created_at: DateTime | None
    started_at: DateTime | None
    finished_at: DateTime | None
    error: str | None
    links: list[ImportLink] = strawberry.field(description="Per imported line, in file order.")
    columns: list[ImportColumn] = strawberry.field(description="How each column was read.")
    warnings: list[str] = strawberry.field(description="Columns kept as notes or ignored.")


@strawberry.input
class ImportOpportunitiesInput:
    file: Upload
    to_user_ids: list[strawberry.ID]
    strategy: DistributionStrategy = DistributionStrategy.ROUND_ROBIN
    weight_by_amount: bool = False
    source_id: strawberry.ID | None = UNSET
    pipeline_id: strawberry.ID | None = UNSET
    expected_close_date: Date | None = UNSET
    close_in_days: int | None = UNSET
    default_currency: str = "TWD"
    mode: ImportMode = ImportMode.VALID_ROWS
    dry_run: bool = strawberry.field(
        default=False, description="Only validate and propose the columns' fields; create nothing."
    )
    mapping: list[ColumnChoice] | None = strawberry.field(
        default=UNSET,
        description="Your field for some columns; the others are proposed (the source's last mapping first).",
    )

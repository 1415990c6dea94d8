"""What a client sends to filter and change opportunities (forwarded to the opportunity service)."""

from __future__ import annotations

import strawberry

from gateway.api.opportunities.types import OpportunityStatus
from gateway.api.scalars import Date, DateTime, Decimal

UNSET = strawberry.UNSET


@strawberry.input
class OpportunityFilter:
    owner_id: strawberry.ID | None = UNSET
    team: str | None = UNSET
    pipeline_id: strawberry.ID | None = UNSET
    stage_key: str | None = UNSET
    status: OpportunityStatus | None = UNSET
    source_id: strawberry.ID | None = UNSET
    closing_within_days: int | None = strawberry.field(
        default=UNSET, description="Open and expected to close between today and today + N days."
    )
    close_date_from: Date | None = strawberry.field(
        default=UNSET, description="Expected to close on this day or later."
    )
    close_date_to: Date | None = strawberry.field(
        default=UNSET, description="Expected to close on this day or earlier."
    )
    overdue: bool | None = strawberry.field(
        default=UNSET, description="Open and past the expected close date."
    )
    search: str | None = strawberry.field(default=UNSET, description="Words of the title or customer name.")
    created_from: DateTime | None = UNSET
    created_to: DateTime | None = strawberry.field(default=UNSET, description="Exclusive.")


@strawberry.input
class CreateOpportunityInput:
    title: str
    customer_name: str
    amount: Decimal
    currency: str
    expected_close_date: Date
    owner_id: strawberry.ID | None = strawberry.field(default=UNSET, description="Defaults to the caller.")
    pipeline_id: strawberry.ID | None = strawberry.field(
        default=UNSET, description="Defaults to the default pipeline."
    )
    stage_key: str | None = strawberry.field(default=UNSET, description="Defaults to the first open stage.")
    is_new_customer: bool | None = strawberry.field(
        default=UNSET,
        description="Refused (DERIVED_FACT): worked out from the account's history when the deal is won.",
        deprecation_reason="A fact of the win (Opportunity.isNewCustomer / isNewProduct once won).",
    )
    products: list[str] = strawberry.field(default_factory=list)
    is_new_product: bool | None = strawberry.field(
        default=UNSET,
        description="Refused (DERIVED_FACT): worked out from the account's history when the deal is won.",
        deprecation_reason="A fact of the win (Opportunity.isNewCustomer / isNewProduct once won).",
    )
    source_id: strawberry.ID | None = UNSET
    difficulty: Decimal | None = strawberry.field(
        default=UNSET, description="0.1 to 5.0; default 1.0. Managers and administrators only."
    )
    note: str | None = UNSET


@strawberry.input
class UpdateOpportunityInput:
    id: strawberry.ID
    expected_version: int
    title: str | None = UNSET
    customer_name: str | None = UNSET
    is_new_customer: bool | None = strawberry.field(
        default=UNSET,
        description="Refused (DERIVED_FACT): worked out from the account's history when the deal is won.",
        deprecation_reason="A fact of the win (Opportunity.isNewCustomer / isNewProduct once won).",
    )
    products: list[str] | None = UNSET
    is_new_product: bool | None = strawberry.field(
        default=UNSET,
        description="Refused (DERIVED_FACT): worked out from the account's history when the deal is won.",
        deprecation_reason="A fact of the win (Opportunity.isNewCustomer / isNewProduct once won).",
    )
    amount: Decimal | None = UNSET
    currency: str | None = UNSET
    source_id: strawberry.ID | None = UNSET
    difficulty: Decimal | None = strawberry.field(
        default=UNSET,
        description="Managers and administrators only, with difficultyReason (kept in difficultyHistory).",
    )
    difficulty_reason: str | None = strawberry.field(default=UNSET, description="Why the difficulty changes.")


@strawberry.input
class MoveOpportunityStageInput:
    id: strawberry.ID
    expected_version: int
    stage_key: str
    note: str | None = UNSET
    lost_reason_key: str | None = strawberry.field(
        default=UNSET,
        description="Required when moving to a LOST stage: an active key of the pipeline's lostReasons.",
    )
    lost_reason: str | None = strawberry.field(
        default=UNSET, description='Why it was lost, in words: required with lostReasonKey "other".'
    )


@strawberry.input
class ReopenOpportunityInput:
    id: strawberry.ID
    expected_version: int
    stage_key: str = strawberry.field(description="The open stage to reopen into.")
    note: str | None = UNSET


@strawberry.input
class ChangeExpectedCloseDateInput:
    id: strawberry.ID
    expected_version: int
    expected_close_date: Date
    reason: str | None = UNSET


@strawberry.input
class SetProbabilityOverrideInput:
    id: strawberry.ID
    expected_version: int
    probability: int | None = strawberry.field(default=None, description="0-100; null clears the override.")


@strawberry.input
class LineItemInput:
    product_id: strawberry.ID
    quantity: Decimal = strawberry.field(description="More than zero.")
    unit_price: Decimal | None = strawberry.field(
        default=UNSET,
        description="Defaults to the product's list price (when listed in the deal's currency).",
    )
    discount_percent: Decimal | None = strawberry.field(default=UNSET, description="0 to 100; default 0.")


@strawberry.input
class SetLineItemsInput:
    id: strawberry.ID
    expected_version: int
    line_items: list[LineItemInput] = strawberry.field(
        description="Every line, replacing those kept; none: the deal's amount is typed again."
    )
    currency: str | None = strawberry.field(default=UNSET, description="ISO 4217; defaults to the deal's.")

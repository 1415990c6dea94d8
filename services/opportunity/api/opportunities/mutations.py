"""Opportunity mutations: each parses its input, calls one use case and maps the result.

Every mutation on an existing opportunity takes the ``expectedVersion`` the client last saw.
"""

from __future__ import annotations

from datetime import date

import strawberry

from services.opportunity.api.context import Info
from services.opportunity.api.opportunities.types import Opportunity
from services.opportunity.api.permissions import AUTHENTICATED
from services.opportunity.api.scalars import DecimalString
from services.opportunity.application import create_opportunity as create
from services.opportunity.application import edit_opportunity as edit
from services.opportunity.application import line_items
from services.opportunity.application import move_stage as move
from services.opportunity.domain.line_items import LineRequest


@strawberry.input
class CreateOpportunityInput:
    title: str
    customer_name: str
    amount: DecimalString
    currency: str
    expected_close_date: date
    owner_id: strawberry.ID | None = strawberry.field(default=None, description="Defaults to the caller.")
    pipeline_id: strawberry.ID | None = strawberry.field(
        default=None, description="Defaults to the default pipeline."
    )
    stage_key: str | None = strawberry.field(default=None, description="Defaults to the first open stage.")
    is_new_customer: bool | None = strawberry.field(
        default=None,
        description="Refused (DERIVED_FACT): worked out from the account's history when the deal is won.",
    )
    products: list[str] = strawberry.field(default_factory=list)
    is_new_product: bool | None = strawberry.field(
        default=None,
        description="Refused (DERIVED_FACT): worked out from the account's history when the deal is won.",
    )
    source_id: strawberry.ID | None = None
    difficulty: DecimalString | None = strawberry.field(
        default=None, description="0.1 to 5.0; default 1.0. Managers and administrators only."
    )
    note: str | None = None


@strawberry.input
class UpdateOpportunityInput:
    id: strawberry.ID
    expected_version: int
    title: str | None = None
    customer_name: str | None = None
    is_new_customer: bool | None = strawberry.field(
        default=None,
        description="Refused (DERIVED_FACT): worked out from the account's history when the deal is won.",
    )
    products: list[str] | None = None
    is_new_product: bool | None = strawberry.field(
        default=None,
        description="Refused (DERIVED_FACT): worked out from the account's history when the deal is won.",
    )
    amount: DecimalString | None = None
    currency: str | None = None
    source_id: strawberry.ID | None = None
    difficulty: DecimalString | None = strawberry.field(
        default=None, description="Managers and administrators only, with difficultyReason."
    )
    difficulty_reason: str | None = strawberry.field(default=None, description="Why the difficulty changes.")


@strawberry.input
class MoveOpportunityStageInput:
    id: strawberry.ID
    expected_version: int
    stage_key: str
    note: str | None = None
    lost_reason_key: str | None = strawberry.field(
        default=None,
        description="Required when moving to a LOST stage: an active key of the pipeline's lostReasons.",
    )
    lost_reason: str | None = strawberry.field(
        default=None, description='Why it was lost, in words: required with lostReasonKey "other".'
    )


@strawberry.input
class ReopenOpportunityInput:
    id: strawberry.ID
    expected_version: int
    stage_key: str = strawberry.field(description="The open stage to reopen into.")
    note: str | None = None


@strawberry.input
class ChangeExpectedCloseDateInput:
    id: strawberry.ID
    expected_version: int
    expected_close_date: date
    reason: str | None = None


@strawberry.input
class SetProbabilityOverrideInput:
    id: strawberry.ID
    expected_version: int
    probability: int | None = strawberry.field(default=None, description="0-100; null clears the override.")


@strawberry.input
class LineItemInput:
    product_id: strawberry.ID
    quantity: DecimalString = strawberry.field(description="More than zero.")
    unit_price: DecimalString | None = strawberry.field(
        default=None, description="Defaults to the product's list price (when listed in the deal's currency)."
    )
    discount_percent: DecimalString | None = strawberry.field(
        default=None, description="0 to 100; default 0."
    )


@strawberry.input
class SetLineItemsInput:
    id: strawberry.ID
    expected_version: int
    line_items: list[LineItemInput] = strawberry.field(
        description="Every line, replacing those kept; none: the deal's amount is typed again."
    )
    currency: str | None = strawberry.field(default=None, description="ISO 4217; defaults to the deal's.")


@strawberry.type
class OpportunityMutations:
    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def create_opportunity(self, info: Info, input: CreateOpportunityInput) -> Opportunity:
        cmd = create.CreateOpportunity(
            title=input.title, customer_name=input.customer_name, amount=input.amount, currency=input.currency,
            expected_close_date=input.expected_close_date, owner_id=input.owner_id, pipeline_id=input.pipeline_id,
            stage_key=input.stage_key, is_new_customer=input.is_new_customer, products=tuple(input.products),
            is_new_product=input.is_new_product, source_id=input.source_id, difficulty=input.difficulty,
            note=input.note,
        )  # fmt: skip
        ctx = info.context
        return Opportunity.from_domain(await create.create_opportunity(cmd, ctx.identity, ctx.ports))

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def update_opportunity(self, info: Info, input: UpdateOpportunityInput) -> Opportunity:
        cmd = edit.UpdateOpportunity(
            id=input.id, expected_version=input.expected_version, title=input.title,
            customer_name=input.customer_name, is_new_customer=input.is_new_customer,
            products=None if input.products is None else tuple(input.products), is_new_product=input.is_new_product,
            amount=input.amount, currency=input.currency, source_id=input.source_id, difficulty=input.difficulty,
            difficulty_reason=input.difficulty_reason,
        )  # fmt: skip
        ctx = info.context
        return Opportunity.from_domain(await edit.update_opportunity(cmd, ctx.identity, ctx.ports))

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Forward, back, or close (won/lost).")
    async def move_opportunity_stage(self, info: Info, input: MoveOpportunityStageInput) -> Opportunity:
        cmd = move.MoveStage(
            id=input.id, expected_version=input.expected_version, stage_key=input.stage_key, note=input.note,
            lost_reason_key=input.lost_reason_key, lost_reason=input.lost_reason,
        )  # fmt: skip
        ctx = info.context
        return Opportunity.from_domain(await move.move_opportunity_stage(cmd, ctx.identity, ctx.ports))

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="Move a won or lost opportunity back to an open stage."
    )
    async def reopen_opportunity(self, info: Info, input: ReopenOpportunityInput) -> Opportunity:
        cmd = move.MoveStage(
            id=input.id, expected_version=input.expected_version, stage_key=input.stage_key, note=input.note,
            reopen=True,
        )  # fmt: skip
        ctx = info.context
        return Opportunity.from_domain(await move.move_opportunity_stage(cmd, ctx.identity, ctx.ports))

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def change_expected_close_date(
        self, info: Info, input: ChangeExpectedCloseDateInput
    ) -> Opportunity:
        cmd = edit.ChangeCloseDate(
            id=input.id, expected_version=input.expected_version,
            expected_close_date=input.expected_close_date, reason=input.reason,
        )  # fmt: skip
        ctx = info.context
        return Opportunity.from_domain(await edit.change_expected_close_date(cmd, ctx.identity, ctx.ports))

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def set_probability_override(self, info: Info, input: SetProbabilityOverrideInput) -> Opportunity:
        cmd = edit.SetProbability(
            id=input.id, expected_version=input.expected_version, probability=input.probability
        )
        ctx = info.context
        return Opportunity.from_domain(await edit.set_probability_override(cmd, ctx.identity, ctx.ports))

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="Set what the deal sells; its amount becomes their sum."
    )
    async def set_line_items(self, info: Info, input: SetLineItemsInput) -> Opportunity:
        lines = tuple(
            LineRequest(line.product_id, line.quantity, line.unit_price, line.discount_percent)
            for line in input.line_items
        )
        cmd = line_items.SetLineItems(input.id, input.expected_version, lines, input.currency)
        ctx = info.context
        return Opportunity.from_domain(
            await line_items.set_opportunity_line_items(cmd, ctx.identity, ctx.ports)
        )

"""Opportunity events. Every payload carries a full snapshot so consumers never call back.

A stage move emits exactly one of ``opportunity.stage_changed`` (open to open),
``opportunity.won``, ``opportunity.lost`` or ``opportunity.reopened`` (closed to open); all four
carry the same ``StageMove`` fields.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import Field

from contracts.events._base import Actor, EventData, Money, OpportunityStatus, StageKind


class StageRef(EventData):
    key: str
    kind: StageKind
    name: str | None = Field(default=None, description="The stage's English name when the event happened.")
    name_zh: str | None = Field(default=None, description="The stage's Traditional Chinese name then.")


class ContactLink(EventData):
    contact_id: str
    role: str = Field(description="DECISION_MAKER, INFLUENCER, USER or PURCHASING.")


class LineItem(EventData):
    """One product a deal sells; its code, name and line as they were when the line was written."""

    product_id: str
    product_code: str
    product_name: str
    product_line: str
    quantity: Decimal = Field(gt=0)
    unit_price: Money
    discount_percent: Decimal = Field(default=Decimal(0), ge=0, le=100)
    total: Money = Field(
        description="Quantity × unit price less the discount, rounded to the currency's unit."
    )


class OpportunitySnapshot(EventData):
    """The opportunity as it stands after the change."""

    id: str
    title: str
    customer_name: str
    is_new_customer: bool
    products: list[str] = Field(default_factory=list)
    is_new_product: bool
    owner_id: str
    team: str | None = None
    pipeline_id: str
    stage: StageRef
    stage_entered_at: datetime
    status: OpportunityStatus
    probability: int = Field(ge=0, le=100, description="Effective win probability, percent.")
    probability_overridden: bool = False
    value: Money
    expected_close_date: date
    source_id: str | None = None
    difficulty: Decimal
    difficulty_by_manager: bool = Field(
        default=False,
        description="A manager set the difficulty (difficultyHistory): it stands; otherwise the appraisal "
        "policy's rules decide a won deal's difficulty.",
    )
    lost_reason: str | None = Field(default=None, description="The words a lost deal was lost with.")
    lost_reason_key: str | None = Field(
        default=None, description="The key of the pipeline's lost reason (pipeline.lost_reasons), once lost."
    )
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None = None
    version: int = Field(ge=1)
    account_id: str | None = Field(default=None, description="The customer company (account) it is for.")
    contacts: list[ContactLink] = Field(default_factory=list)
    line_items: list[LineItem] = Field(
        default_factory=list, description="What it sells; when there are any, value is their sum."
    )


class OpportunityCreated(EventData):
    opportunity: OpportunitySnapshot
    by: Actor


class FieldChange(EventData):
    field: str
    before: Any = None
    after: Any = None
    reason: str | None = Field(default=None, description="Why, for a change that needs it (difficulty).")


class OpportunityUpdated(EventData):
    opportunity: OpportunitySnapshot
    by: Actor
    changes: list[FieldChange]


class StageMove(EventData):
    """One move between stages; ``seconds_in_previous_stage`` is the time spent in ``from_stage``."""

    opportunity: OpportunitySnapshot
    by: Actor
    from_stage: StageRef
    to_stage: StageRef
    moved_at: datetime
    seconds_in_previous_stage: int = Field(ge=0)
    probability: int = Field(ge=0, le=100)
    note: str | None = None


class OpportunityStageChanged(StageMove):
    pass


class ProductLaunch(EventData):
    product_id: str
    launch_date: date | None = None


class WinFacts(EventData):
    """What the win says, read from the account's history when the deal was won."""

    new_customer: bool = Field(description="The account had no won deal before this one.")
    new_product_ids: list[str] = Field(
        default_factory=list, description="Products on its lines that the account had never won a deal with."
    )
    product_launches: list[ProductLaunch] = Field(
        default_factory=list,
        description="Each sold product's launch date, for a policy that counts launches.",
    )
    account_segment: str | None = Field(
        default=None, description="The account's segment at the win, for the policy's difficulty rules."
    )


class OpportunityWon(StageMove):
    facts: WinFacts | None = Field(
        default=None,
        description="Derived at the win (absent on wins recorded before facts were derived, whose "
        "snapshot flags were set by hand). The snapshot's is_new_customer / is_new_product agree with it.",
    )


class OpportunityLost(StageMove):
    reason: str = Field(description="The words given, or else the reason's English name.")
    reason_key: str | None = Field(default=None, description="The key of the pipeline's lost reason.")
    reason_text: str | None = Field(default=None, description="The words given, if any (always with other).")


class OpportunityReopened(StageMove):
    pass


class OpportunityCloseDateChanged(EventData):
    opportunity: OpportunitySnapshot
    by: Actor
    old: date
    new: date
    reason: str | None = None

"""Reports, as the reporting service computes them."""

from __future__ import annotations

from enum import Enum

import strawberry

from gateway.api.scalars import Date, DateTime, Decimal


@strawberry.enum
class CreditRule(Enum):
    OWNER_AT_CLOSE = "OWNER_AT_CLOSE"
    SHARED_BY_TIME_OWNED = "SHARED_BY_TIME_OWNED"


@strawberry.type
class ReportMoney:
    currency: str
    amount: Decimal


@strawberry.type(description="Deals selling this product line.")
class ProductLineRule:
    product_line: str
    factor: Decimal


@strawberry.type(description="Deals at accounts of this segment.")
class SegmentRule:
    segment: str
    factor: Decimal


@strawberry.type(description="Deals of at least minAmount and under maxAmount (none: no upper end).")
class SizeBandRule:
    currency: str
    min_amount: Decimal
    max_amount: Decimal | None
    factor: Decimal


@strawberry.type(
    description="A won deal's difficulty is 1 × the highest factor among its product lines × its "
    "account segment's × its size band's (each 1 when no rule matches), rounded to two decimals and "
    "kept within 0.1 to 5; a manager's figure overrides it."
)
class DifficultyRules:
    product_lines: list[ProductLineRule]
    segments: list[SegmentRule]
    size_bands: list[SizeBandRule] = strawberry.field(
        description="A deal falls in the band of its currency, else in one of the reporting currency "
        "at the configured rates."
    )


@strawberry.type(description="An appraisal policy version; version 0 is the configured default.")
class Policy:
    version: int
    base_reward: Decimal
    new_customer_bonus: Decimal
    new_product_bonus: Decimal
    credit_rule: CreditRule
    created_at: DateTime
    created_by: str | None
    difficulty_rules: DifficultyRules
    launch_window_days: int | None = strawberry.field(
        description="Null: a product is new only on the account's first win of it; N: also when it was "
        "launched at most N days before the win."
    )


@strawberry.enum(description="Who set a won deal's difficulty.")
class DifficultySource(Enum):
    RULES = "RULES"
    MANAGER = "MANAGER"
    RECORDED = "RECORDED"


@strawberry.enum(description="Why a won deal counts as selling a new product.")
class NewProductReason(Enum):
    FIRST_WIN = "FIRST_WIN"
    LAUNCH_WINDOW = "LAUNCH_WINDOW"
    RECORDED = "RECORDED"


@strawberry.type(description="A rule of the policy that set a deal's difficulty.")
class MatchedRule:
    kind: str = strawberry.field(description="PRODUCT_LINE, SEGMENT or SIZE_BAND.")
    key: str = strawberry.field(description='The product line, the segment or the band ("TWD 1000000-").')
    factor: Decimal


@strawberry.type(description="What a won deal earns under a policy version, and why.")
class DealAppraisal:
    policy_version: int
    difficulty: Decimal
    difficulty_source: DifficultySource = strawberry.field(
        description="RULES: the policy's rules; MANAGER: a manager's figure, which overrides them; "
        "RECORDED: won before facts were derived."
    )
    rules: list[MatchedRule] = strawberry.field(description="The rules that set it (RULES only).")
    new_customer: bool
    new_product: bool
    new_product_reason: NewProductReason | None
    reward: Decimal = strawberry.field(description="Base reward × difficulty plus the bonuses it earns.")


@strawberry.type
class RepAppraisal:
    rep_id: strawberry.ID
    rep_name: str | None
    owned: int
    won: int
    lost: int
    win_rate: Decimal | None
    won_amount: list[ReportMoney]
    average_cycle_seconds: int | None
    overdue: int
    score: Decimal


@strawberry.type
class AppraisalReport:
    policy: Policy
    reps: list[RepAppraisal]


@strawberry.type
class OverdueOpportunity:
    opportunity_id: strawberry.ID
    title: str
    customer_name: str
    stage_key: str
    expected_close_date: Date
    days_overdue: int
    amount: ReportMoney


@strawberry.type
class RepOverdue:
    rep_id: strawberry.ID
    rep_name: str | None
    overdue_count: int
    overdue_amount: list[ReportMoney]
    opportunities: list[OverdueOpportunity]
    closed: int
    closed_late: int
    slips: int
    slipped_opportunities: int


@strawberry.type
class Durations:
    count: int
    mean_seconds: int
    median_seconds: int
    p90_seconds: int


@strawberry.type
class RepStageTime:
    rep_id: strawberry.ID
    rep_name: str | None
    durations: Durations


@strawberry.type
class StageTime:
    stage_key: str
    stage_name: str
    position: int
    overall: Durations | None
    per_rep: list[RepStageTime]
    reached: int
    conversion_from_previous: Decimal | None
    rotting_count: int = strawberry.field(description="Open in this stage now, longer than its rotting days.")
    open_stays: Durations | None = strawberry.field(
        default=None,
        description="Stays still running: every opportunity open in this stage now, by its age so far "
        "(entered the stage until the report's time), whatever the period; `overall` counts ended stays.",
    )


@strawberry.type
class RottingOpportunity:
    opportunity_id: strawberry.ID
    title: str
    owner_id: strawberry.ID
    stage_key: str
    days_in_stage: int
    rotting_days: int


@strawberry.type
class PipelineStageTimes:
    pipeline_id: strawberry.ID
    pipeline_name: str
    stages: list[StageTime]
    rotting: list[RottingOpportunity] = strawberry.field(
        description="The ones rotting longest, longest first (as many as rottingLimit asks)."
    )
    rotting_count: int = strawberry.field(description="Every opportunity of the pipeline rotting now.")


@strawberry.type(description="Won revenue from one product line's line items, in one currency.")
class ProductLineRevenue:
    product_line: str
    currency: str
    amount: Decimal


@strawberry.type
class SourceMoney:
    currency: str
    won_revenue: Decimal
    open_pipeline: Decimal
    weighted_pipeline: Decimal
    cost: Decimal = strawberry.field(
        description="What was spent in the period (a range spread over its days)."
    )
    roi: Decimal | None
    cost_per_won: Decimal | None
    cost_per_lead: Decimal | None = strawberry.field(
        default=None, description="The cost over the opportunities created in the period."
    )


@strawberry.type
class SourceValue:
    key: str
    name: str
    kind: str | None
    opportunities: int
    won: int
    lost: int
    win_rate: Decimal | None
    average_cycle_seconds: int | None
    money: list[SourceMoney]
    new_customers: int = strawberry.field(
        description="New customers acquired: won deals that were their account's first win (recorded at the win)."
    )
    revenue_by_product_line: list[ProductLineRevenue] = strawberry.field(
        description="The won deals' line items per product line (deals without lines count in none)."
    )


@strawberry.type
class SourceValueReport:
    by_source: list[SourceValue]
    by_kind: list[SourceValue]
    lifetime_by_source: list[SourceValue] = strawberry.field(
        default_factory=list,
        description="Each source over its whole life: every opportunity and every cost, whatever the period.",
    )


@strawberry.type
class ForecastLine:
    month: str
    group: str
    group_name: str | None
    currency: str
    opportunities: int
    amount: Decimal
    weighted: Decimal


@strawberry.type
class Forecast:
    by_rep: list[ForecastLine]
    by_team: list[ForecastLine]


@strawberry.type
class StageCalibration:
    stage_key: str
    stage_name: str
    position: int
    configured_probability: int
    reached_and_closed: int
    won: int
    observed_win_rate: Decimal | None


@strawberry.type(description="A source's closed opportunities, calibrated stage by stage.")
class SourceCalibration:
    source_id: str = strawberry.field(description="The source's id; empty for opportunities with no source.")
    source_name: str
    stages: list[StageCalibration]


@strawberry.type
class PipelineCalibration:
    pipeline_id: strawberry.ID
    pipeline_name: str
    stages: list[StageCalibration]
    by_source: list[SourceCalibration] = strawberry.field(
        default_factory=list, description="The same figures per lead source, by source id."
    )


@strawberry.input(description="Period (from inclusive, to exclusive, UTC), pipeline and team.")
class ReportFilterInput:
    from_: DateTime | None = strawberry.field(default=strawberry.UNSET, name="from")
    to: DateTime | None = strawberry.UNSET
    pipeline_id: strawberry.ID | None = strawberry.UNSET
    team: str | None = strawberry.UNSET


@strawberry.type(description="A rate in force from its date until the next one for the currency.")
class ExchangeRate:
    currency: str
    reporting_currency: str
    valid_from: Date
    rate: Decimal = strawberry.field(
        description="Units of the reporting currency one unit of `currency` buys."
    )
    set_at: DateTime
    set_by: str | None


@strawberry.input(description="The rate in force from validFrom: units of the reporting currency per unit.")
class ExchangeRateInput:
    currency: str
    valid_from: Date
    rate: Decimal


@strawberry.input
class ProductLineRuleInput:
    product_line: str = strawberry.field(description="A product line of the catalogue.")
    factor: Decimal = strawberry.field(description="More than 0, at most 5, two decimals.")


@strawberry.input
class SegmentRuleInput:
    segment: str = strawberry.field(description="As accounts keep it: SMB, MID_MARKET, ENTERPRISE ...")
    factor: Decimal


@strawberry.input
class SizeBandRuleInput:
    currency: str
    min_amount: Decimal
    max_amount: Decimal | None = strawberry.UNSET
    factor: Decimal


@strawberry.input(description="Bands of one currency may not overlap.")
class DifficultyRulesInput:
    product_lines: list[ProductLineRuleInput] = strawberry.field(default_factory=list)
    segments: list[SegmentRuleInput] = strawberry.field(default_factory=list)
    size_bands: list[SizeBandRuleInput] = strawberry.field(default_factory=list)


@strawberry.input
class AppraisalPolicyInput:
    base_reward: Decimal
    new_customer_bonus: Decimal
    new_product_bonus: Decimal
    credit_rule: CreditRule
    difficulty_rules: DifficultyRulesInput | None = strawberry.field(
        default=strawberry.UNSET,
        description="Left out: no rules (a deal's difficulty is 1 unless a manager set it).",
    )
    launch_window_days: int | None = strawberry.field(
        default=strawberry.UNSET,
        description="Also count a product launched at most this many days before a win as new (0 to 3650).",
    )

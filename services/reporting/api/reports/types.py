"""GraphQL types of the reports, each built from its domain value with ``from_domain``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from decimal import Decimal

import strawberry

from services.reporting.application.reports import DealAppraisal as DomainDealAppraisal
from services.reporting.domain import difficulty as rules
from services.reporting.domain.policy import AppraisalPolicy, CreditRule
from services.reporting.domain.reports import (
    appraisal,
    calibration,
    forecast,
    overdue,
    source_value,
    time_in_stage,
)
from services.reporting.domain.reports._common import MoneyAmount
from services.reporting.domain.stats import DurationStats

CreditRuleType = strawberry.enum(CreditRule, name="CreditRule")


@strawberry.type
class Money:
    currency: str
    amount: Decimal

    @classmethod
    def many(cls, lines: tuple[MoneyAmount, ...]) -> list[Money]:
        return [cls(currency=m.currency, amount=m.amount) for m in lines]


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
    description="A won deal's difficulty is 1 × the highest factor of its product lines × its "
    "segment's × its size band's (each 1 when no rule matches), rounded to two decimals; a "
    "manager's figure overrides it."
)
class DifficultyRules:
    product_lines: list[ProductLineRule]
    segments: list[SegmentRule]
    size_bands: list[SizeBandRule]

    @classmethod
    def from_domain(cls, r: rules.DifficultyRules) -> DifficultyRules:
        return cls(
            product_lines=[ProductLineRule(product_line=x.product_line, factor=x.factor) for x in r.product_lines],
            segments=[SegmentRule(segment=x.segment, factor=x.factor) for x in r.segments],
            size_bands=[SizeBandRule(currency=b.currency, min_amount=b.min_amount, max_amount=b.max_amount,
                                     factor=b.factor) for b in r.size_bands],
        )  # fmt: skip


@strawberry.type(description="An appraisal policy version; version 0 is the configured default.")
class Policy:
    version: int
    base_reward: Decimal
    new_customer_bonus: Decimal
    new_product_bonus: Decimal
    credit_rule: CreditRuleType  # type: ignore[valid-type]
    created_at: datetime
    created_by: str | None
    difficulty_rules: DifficultyRules
    launch_window_days: int | None = strawberry.field(
        description="Null: a product is new only on the account's first win of it; N: also when it was "
        "launched at most N days before the win."
    )

    @classmethod
    def from_domain(cls, p: AppraisalPolicy) -> Policy:
        return cls(version=p.version, base_reward=p.base_reward, new_customer_bonus=p.new_customer_bonus,
                   new_product_bonus=p.new_product_bonus, credit_rule=p.credit_rule, created_at=p.created_at,
                   created_by=p.created_by, difficulty_rules=DifficultyRules.from_domain(p.difficulty_rules),
                   launch_window_days=p.launch_window_days)  # fmt: skip


DifficultySourceType = strawberry.enum(rules.DifficultySource, name="DifficultySource")
NewProductReasonType = strawberry.enum(rules.NewProductReason, name="NewProductReason")


@strawberry.type(description="A rule that set a deal's difficulty.")
class MatchedRule:
    kind: str = strawberry.field(description="PRODUCT_LINE, SEGMENT or SIZE_BAND.")
    key: str = strawberry.field(description='The product line, the segment or the band ("TWD 1000000-").')
    factor: Decimal


@strawberry.type(description="What a won deal earns under a policy version, and why.")
class DealAppraisal:
    opportunity_id: strawberry.ID
    policy_version: int
    difficulty: Decimal
    difficulty_source: DifficultySourceType  # type: ignore[valid-type]
    rules: list[MatchedRule]
    new_customer: bool
    new_product: bool
    new_product_reason: NewProductReasonType | None  # type: ignore[valid-type]
    reward: Decimal = strawberry.field(description="Base reward × difficulty plus the bonuses it earns.")

    @classmethod
    def from_domain(cls, policy: AppraisalPolicy, deal: DomainDealAppraisal) -> DealAppraisal:
        a = deal.appraisal
        return cls(
            opportunity_id=strawberry.ID(deal.opportunity_id), policy_version=policy.version,
            difficulty=a.difficulty, difficulty_source=a.source,
            rules=[MatchedRule(kind=r.kind, key=r.key, factor=r.factor) for r in a.rules],
            new_customer=a.new_customer, new_product=a.new_product, new_product_reason=a.new_product_reason,
            reward=deal.reward,
        )  # fmt: skip


@strawberry.type
class RepAppraisal:
    rep_id: strawberry.ID
    rep_name: str | None
    owned: int
    won: int
    lost: int
    win_rate: Decimal | None
    won_amount: list[Money]
    average_cycle_seconds: int | None
    overdue: int
    score: Decimal


@strawberry.type
class AppraisalReport:
    policy: Policy
    reps: list[RepAppraisal]

    @classmethod
    def from_domain(cls, r: appraisal.AppraisalReport) -> AppraisalReport:
        reps = [
            RepAppraisal(rep_id=strawberry.ID(x.rep_id), rep_name=x.rep_name, owned=x.owned, won=x.won, lost=x.lost,
                         win_rate=x.win_rate, won_amount=Money.many(x.won_amount),
                         average_cycle_seconds=x.average_cycle_seconds, overdue=x.overdue, score=x.score)
            for x in r.reps
        ]  # fmt: skip
        return cls(policy=Policy.from_domain(r.policy), reps=reps)


@strawberry.type
class OverdueOpportunity:
    opportunity_id: strawberry.ID
    title: str
    customer_name: str
    stage_key: str
    expected_close_date: date
    days_overdue: int
    amount: Money


@strawberry.type
class RepOverdue:
    rep_id: strawberry.ID
    rep_name: str | None
    overdue_count: int
    overdue_amount: list[Money]
    opportunities: list[OverdueOpportunity]
    closed: int
    closed_late: int
    slips: int
    slipped_opportunities: int

    @classmethod
    def from_domain(cls, r: overdue.RepOverdue) -> RepOverdue:
        items = [
            OverdueOpportunity(opportunity_id=strawberry.ID(o.opportunity_id), title=o.title,
                               customer_name=o.customer_name, stage_key=o.stage_key,
                               expected_close_date=o.expected_close_date, days_overdue=o.days_overdue,
                               amount=Money(currency=o.currency, amount=o.amount))
            for o in r.opportunities
        ]  # fmt: skip
        return cls(rep_id=strawberry.ID(r.rep_id), rep_name=r.rep_name, overdue_count=r.overdue_count,
                   overdue_amount=Money.many(r.overdue_amount), opportunities=items, closed=r.closed,
                   closed_late=r.closed_late, slips=r.slips, slipped_opportunities=r.slipped_opportunities)  # fmt: skip


@strawberry.type(description="Whole seconds; median and p90 by the nearest-rank method.")
class Durations:
    count: int
    mean_seconds: int
    median_seconds: int
    p90_seconds: int

    @classmethod
    def from_domain(cls, s: DurationStats | None) -> Durations | None:
        if s is None:
            return None
        return cls(count=s.count, mean_seconds=s.mean, median_seconds=s.median, p90_seconds=s.p90)


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

    @classmethod
    def from_domain(cls, p: time_in_stage.PipelineStageTimes) -> PipelineStageTimes:
        stages = [
            StageTime(stage_key=s.stage_key, stage_name=s.stage_name, position=s.position,
                      overall=Durations.from_domain(s.overall),
                      per_rep=[RepStageTime(rep_id=strawberry.ID(r.rep_id), rep_name=r.rep_name,
                                            durations=Durations.from_domain(r.stats))  # type: ignore[arg-type]
                               for r in s.per_rep],
                      reached=s.reached, conversion_from_previous=s.conversion_from_previous,
                      rotting_count=s.rotting_count, open_stays=Durations.from_domain(s.open_stays))
            for s in p.stages
        ]  # fmt: skip
        rotting = [
            RottingOpportunity(opportunity_id=strawberry.ID(r.opportunity_id), title=r.title,
                               owner_id=strawberry.ID(r.owner_id), stage_key=r.stage_key,
                               days_in_stage=r.days_in_stage, rotting_days=r.rotting_days)
            for r in p.rotting
        ]  # fmt: skip
        return cls(pipeline_id=strawberry.ID(p.pipeline_id), pipeline_name=p.pipeline_name, stages=stages,
                   rotting=rotting, rotting_count=p.rotting_count)  # fmt: skip


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
        description="New customers acquired: won deals that were their account's first win."
    )
    revenue_by_product_line: list[ProductLineRevenue] = strawberry.field(
        description="The won deals' line items per product line (deals without lines count in none)."
    )

    @classmethod
    def from_domain(cls, s: source_value.SourceValue) -> SourceValue:
        money = [SourceMoney(currency=m.currency, won_revenue=m.won_revenue, open_pipeline=m.open_pipeline,
                             weighted_pipeline=m.weighted_pipeline, cost=m.cost, roi=m.roi,
                             cost_per_won=m.cost_per_won, cost_per_lead=m.cost_per_lead)
                 for m in s.money]  # fmt: skip
        return cls(key=s.key, name=s.name, kind=s.kind, opportunities=s.opportunities, won=s.won, lost=s.lost,
                   win_rate=s.win_rate, average_cycle_seconds=s.average_cycle_seconds, money=money,
                   new_customers=s.new_customers,
                   revenue_by_product_line=[ProductLineRevenue(product_line=r.product_line, currency=r.currency,
                                                               amount=r.amount)
                                            for r in s.revenue_by_product_line])  # fmt: skip


@strawberry.type
class SourceValueReport:
    by_source: list[SourceValue]
    by_kind: list[SourceValue]
    lifetime: strawberry.Private[Callable[[], Awaitable[source_value.SourceValueReport]] | None] = None

    @strawberry.field(
        description="Each source over its whole life: every opportunity and every cost, whatever the period."
    )
    async def lifetime_by_source(self) -> list[SourceValue]:
        if self.lifetime is None:
            return []
        return [SourceValue.from_domain(s) for s in (await self.lifetime()).by_source]

    @classmethod
    def from_domain(
        cls,
        r: source_value.SourceValueReport,
        lifetime: Callable[[], Awaitable[source_value.SourceValueReport]] | None = None,
    ) -> SourceValueReport:
        return cls(by_source=[SourceValue.from_domain(s) for s in r.by_source],
                   by_kind=[SourceValue.from_domain(s) for s in r.by_kind], lifetime=lifetime)  # fmt: skip


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

    @classmethod
    def from_domain(cls, f: forecast.Forecast) -> Forecast:
        def lines(items: tuple[forecast.ForecastLine, ...]) -> list[ForecastLine]:
            return [ForecastLine(month=x.month, group=x.group, group_name=x.group_name, currency=x.currency,
                                 opportunities=x.opportunities, amount=x.amount, weighted=x.weighted)
                    for x in items]  # fmt: skip

        return cls(by_rep=lines(f.by_rep), by_team=lines(f.by_team))


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


def _stage_calibrations(stages: tuple[calibration.StageCalibration, ...]) -> list[StageCalibration]:
    return [StageCalibration(stage_key=s.stage_key, stage_name=s.stage_name, position=s.position,
                             configured_probability=s.configured_probability,
                             reached_and_closed=s.reached_and_closed, won=s.won,
                             observed_win_rate=s.observed_win_rate) for s in stages]  # fmt: skip


@strawberry.type
class PipelineCalibration:
    pipeline_id: strawberry.ID
    pipeline_name: str
    stages: list[StageCalibration]
    by_source: list[SourceCalibration] = strawberry.field(
        default_factory=list, description="The same figures per lead source, by source id."
    )

    @classmethod
    def from_domain(cls, p: calibration.PipelineCalibration) -> PipelineCalibration:
        by_source = [
            SourceCalibration(
                source_id=s.source_id, source_name=s.source_name, stages=_stage_calibrations(s.stages)
            )
            for s in p.by_source
        ]
        return cls(pipeline_id=strawberry.ID(p.pipeline_id), pipeline_name=p.pipeline_name,
                   stages=_stage_calibrations(p.stages), by_source=by_source)  # fmt: skip

"""Input for a new appraisal policy version (the output type is the reports' ``Policy``)."""

from __future__ import annotations

from decimal import Decimal

import strawberry

from services.reporting.api.reports.types import CreditRuleType
from services.reporting.application.policies import PolicyTerms
from services.reporting.domain import difficulty as rules


@strawberry.input
class ProductLineRuleInput:
    product_line: str
    factor: Decimal = strawberry.field(description="More than 0, at most 5, two decimals.")


@strawberry.input
class SegmentRuleInput:
    segment: str = strawberry.field(description="As accounts keep it: SMB, MID_MARKET, ENTERPRISE ...")
    factor: Decimal


@strawberry.input
class SizeBandRuleInput:
    currency: str
    min_amount: Decimal
    max_amount: Decimal | None = None
    factor: Decimal


@strawberry.input(description="Bands of one currency may not overlap.")
class DifficultyRulesInput:
    product_lines: list[ProductLineRuleInput] = strawberry.field(default_factory=list)
    segments: list[SegmentRuleInput] = strawberry.field(default_factory=list)
    size_bands: list[SizeBandRuleInput] = strawberry.field(default_factory=list)

    def to_domain(self) -> rules.DifficultyRules:
        return rules.DifficultyRules(
            product_lines=tuple(
                rules.LineRule(" ".join(r.product_line.split()), r.factor) for r in self.product_lines
            ),
            segments=tuple(rules.SegmentRule(r.segment.strip().upper(), r.factor) for r in self.segments),
            size_bands=tuple(
                rules.SizeBand(b.currency.strip().upper(), b.min_amount, b.max_amount, b.factor)
                for b in self.size_bands
            ),
        )


@strawberry.input
class AppraisalPolicyInput:
    base_reward: Decimal
    new_customer_bonus: Decimal
    new_product_bonus: Decimal
    credit_rule: CreditRuleType  # type: ignore[valid-type]
    difficulty_rules: DifficultyRulesInput | None = strawberry.field(
        default=None, description="None: no rules (every deal 1 unless a manager set it)."
    )
    launch_window_days: int | None = strawberry.field(
        default=None, description="Also count a product launched at most this many days before a win as new."
    )

    def to_terms(self) -> PolicyTerms:
        return PolicyTerms(
            self.base_reward,
            self.new_customer_bonus,
            self.new_product_bonus,
            self.credit_rule,
            self.difficulty_rules.to_domain() if self.difficulty_rules else rules.DifficultyRules(),
            self.launch_window_days,
        )

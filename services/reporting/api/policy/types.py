"""Input for a new appraisal policy version (the output type is the reports' ``Policy``)."""

from __future__ import annotations

from decimal import Decimal

import strawberry

from services.reporting.api.reports.types import CreditRuleType
from services.reporting.application.policies import PolicyTerms


@strawberry.input
class AppraisalPolicyInput:
    base_reward: Decimal
    new_customer_bonus: Decimal
    new_product_bonus: Decimal
    credit_rule: CreditRuleType  # type: ignore[valid-type]

    def to_terms(self) -> PolicyTerms:
        return PolicyTerms(
            self.base_reward, self.new_customer_bonus, self.new_product_bonus, self.credit_rule
        )

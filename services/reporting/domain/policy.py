"""The appraisal policy: what a win is worth and who is credited after a handover.

Policies are versioned: a new setting is a new version, and every appraisal names the version
it used, so last quarter's figures can be reproduced after the policy changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from services.reporting.domain.errors import InvalidPolicy
from services.reporting.domain.view import OpportunityView


class CreditRule(StrEnum):
    OWNER_AT_CLOSE = "OWNER_AT_CLOSE"
    """The rep who owned the opportunity when it was won gets all the credit."""
    SHARED_BY_TIME_OWNED = "SHARED_BY_TIME_OWNED"
    """Every rep who owned it gets a share proportional to the time they owned it."""


@dataclass(frozen=True)
class AppraisalPolicy:
    version: int
    base_reward: Decimal
    new_customer_bonus: Decimal
    new_product_bonus: Decimal
    credit_rule: CreditRule
    created_at: datetime
    created_by: str | None = None

    def __post_init__(self) -> None:
        for name in ("base_reward", "new_customer_bonus", "new_product_bonus"):
            if getattr(self, name) < 0:
                raise InvalidPolicy(f"{name} must not be negative.", {"field": name})

    def reward(self, won: OpportunityView) -> Decimal:
        """Base reward × difficulty, plus the bonuses the win earns."""
        reward = self.base_reward * won.difficulty
        if won.is_new_customer:
            reward += self.new_customer_bonus
        if won.is_new_product:
            reward += self.new_product_bonus
        return reward

    def credit_shares(self, won: OpportunityView) -> dict[str, Decimal]:
        return credit_shares(self.credit_rule, won)


def credit_shares(rule: CreditRule, won: OpportunityView) -> dict[str, Decimal]:
    """Each credited rep's share of the reward under ``rule``; the shares sum to one."""
    if rule is CreditRule.OWNER_AT_CLOSE or won.closed_at is None:
        return {won.owner_id: Decimal(1)}
    owned = won.seconds_owned_by(won.closed_at)
    total = sum(owned.values())
    if total == 0:
        return {won.owner_id: Decimal(1)}
    return {owner: Decimal(seconds) / Decimal(total) for owner, seconds in owned.items()}

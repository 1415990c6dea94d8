"""The appraisal policy: what a win is worth and who is credited after a handover.

Policies are versioned: a new setting is a new version, and every appraisal names the version
it used, so last quarter's figures can be reproduced after the policy changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from services.reporting.domain.difficulty import (
    MAX_WINDOW_DAYS,
    DifficultyRules,
    WinAppraisal,
    WinTerms,
    appraise_win,
    win_terms,
)
from services.reporting.domain.errors import InvalidPolicy
from services.reporting.domain.money import Conversion
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
    difficulty_rules: DifficultyRules = field(default_factory=DifficultyRules)
    launch_window_days: int | None = None
    """None: a product is new only on the account's first win of it; N: also when launched at
    most N days before the win."""

    def __post_init__(self) -> None:
        for name in ("base_reward", "new_customer_bonus", "new_product_bonus"):
            if getattr(self, name) < 0:
                raise InvalidPolicy(f"{name} must not be negative.", {"field": name})
        if self.launch_window_days is not None and not 0 <= self.launch_window_days <= MAX_WINDOW_DAYS:
            raise InvalidPolicy(
                f"The launch window is 0 to {MAX_WINDOW_DAYS} days.", {"field": "launchWindowDays"}
            )

    def appraise(self, won: OpportunityView | WinTerms, conversion: Conversion | None = None) -> WinAppraisal:
        """The win's difficulty (and why) and its facts under this policy."""
        terms = won if isinstance(won, WinTerms) else win_terms(won)
        return appraise_win(self.difficulty_rules, self.launch_window_days, terms, conversion or Conversion())

    def reward(self, won: OpportunityView | WinTerms, conversion: Conversion | None = None) -> Decimal:
        """Base reward × difficulty, plus the bonuses the win earns."""
        appraised = self.appraise(won, conversion)
        reward = self.base_reward * appraised.difficulty
        if appraised.new_customer:
            reward += self.new_customer_bonus
        if appraised.new_product:
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

"""Use cases for the appraisal policy: read the one in force, save a new version."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from services.reporting.application.ports import Clock, PolicyRepository, PolicyVersionTaken
from services.reporting.domain.difficulty import DifficultyRules
from services.reporting.domain.errors import PolicyNotFound
from services.reporting.domain.policy import AppraisalPolicy, CreditRule


@dataclass(frozen=True)
class PolicyTerms:
    base_reward: Decimal
    new_customer_bonus: Decimal
    new_product_bonus: Decimal
    credit_rule: CreditRule
    difficulty_rules: DifficultyRules = field(default_factory=DifficultyRules)
    launch_window_days: int | None = None


def default_policy(terms: PolicyTerms, clock: Clock) -> AppraisalPolicy:
    """Version 0: the configured defaults, used until someone saves a policy."""
    return AppraisalPolicy(0, terms.base_reward, terms.new_customer_bonus, terms.new_product_bonus,
                           terms.credit_rule, clock())  # fmt: skip


async def policy_in_force(
    repository: PolicyRepository, defaults: PolicyTerms, clock: Clock, version: int | None = None
) -> AppraisalPolicy:
    if version is not None:
        if version == 0:
            return default_policy(defaults, clock)
        found = await repository.get(version)
        if found is None:
            raise PolicyNotFound(f"There is no appraisal policy version {version}.", {"version": version})
        return found
    return await repository.latest() or default_policy(defaults, clock)


async def save_policy(
    repository: PolicyRepository, terms: PolicyTerms, clock: Clock, by: str, attempts: int = 5
) -> AppraisalPolicy:
    """Save the terms as the next version; a concurrent save makes us take the one after."""
    for _ in range(attempts):
        latest = await repository.latest()
        policy = AppraisalPolicy(
            (latest.version if latest else 0) + 1, terms.base_reward, terms.new_customer_bonus,
            terms.new_product_bonus, terms.credit_rule, clock(), by, terms.difficulty_rules,
            terms.launch_window_days,
        )  # fmt: skip
        try:
            await repository.add(policy)
        except PolicyVersionTaken:
            continue  # someone saved first: take the next version
        return policy
    raise RuntimeError("could not save the policy: too many concurrent saves")

"""Figures of an account page: open pipeline and won revenue, per currency."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from services.opportunity.domain.money import Money
from services.opportunity.domain.opportunity import Opportunity, Status


def _totals(opportunities: Sequence[Opportunity], status: Status) -> list[Money]:
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for o in opportunities:
        if o.status is status:
            sums[o.value.currency] += o.value.amount
    return [Money(amount, currency) for currency, amount in sorted(sums.items())]


def open_pipeline(opportunities: Sequence[Opportunity]) -> list[Money]:
    """The amounts of the open opportunities, one sum per currency (never converted)."""
    return _totals(opportunities, Status.OPEN)


def won_revenue(opportunities: Sequence[Opportunity]) -> list[Money]:
    return _totals(opportunities, Status.WON)

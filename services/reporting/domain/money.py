"""Money totals that never add currencies together unconverted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal

CENT = Decimal("0.01")


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_EVEN)


@dataclass(frozen=True)
class Conversion:
    """With a reporting currency and rates every amount is converted into it; without, amounts
    stay in their own currency and totals are kept per currency."""

    reporting_currency: str | None = None
    rates: Mapping[str, Decimal] = field(default_factory=dict)

    def convert(self, amount: Decimal, currency: str) -> tuple[Decimal, str]:
        if self.reporting_currency is None or currency == self.reporting_currency:
            return amount, currency
        rate = self.rates.get(currency)
        if rate is None:
            return amount, currency  # no rate: kept apart rather than guessed
        return amount * rate, self.reporting_currency


class Totals:
    """Sums per currency."""

    def __init__(self) -> None:
        self._sums: dict[str, Decimal] = {}

    def add(self, amount: Decimal, currency: str) -> None:
        self._sums[currency] = self._sums.get(currency, Decimal(0)) + amount

    def get(self, currency: str) -> Decimal:
        return self._sums.get(currency, Decimal(0))

    def currencies(self) -> set[str]:
        return set(self._sums)

    def rounded(self) -> dict[str, Decimal]:
        return {currency: cents(total) for currency, total in sorted(self._sums.items())}

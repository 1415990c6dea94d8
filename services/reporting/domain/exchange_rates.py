"""Exchange rates an administrator keeps, each in force from its date until the next one: a cost
is converted at the rate in force on its date, so last year's trade show keeps last year's rate."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from services.reporting.domain.errors import InvalidArgument
from services.reporting.domain.money import Conversion

_CURRENCY = re.compile(r"^[A-Z]{3}$")
MAX_RATE = Decimal("1e9")


@dataclass(frozen=True)
class ExchangeRate:
    currency: str
    valid_from: date
    rate: Decimal
    """Units of the reporting currency one unit of ``currency`` buys."""
    set_at: datetime
    set_by: str | None = None


def checked_rate(currency: str, rate: Decimal, reporting_currency: str | None) -> str:
    """The currency code, upper case, once the rate makes sense; else a clear error."""
    if reporting_currency is None:
        raise InvalidArgument(
            "Set REPORTING_CURRENCY first: rates convert into the reporting currency.", {"field": "currency"}
        )
    code = (currency or "").strip().upper()
    if not _CURRENCY.match(code):
        raise InvalidArgument(
            f"{currency!r} is not an ISO 4217 currency code (e.g. USD).", {"field": "currency"}
        )
    if code == reporting_currency:
        raise InvalidArgument(f"{code} is the reporting currency itself.", {"field": "currency"})
    if not rate.is_finite() or rate <= 0 or rate >= MAX_RATE:
        raise InvalidArgument(
            "A rate is a positive number of units of the reporting currency.", {"field": "rate"}
        )
    return code


@dataclass(frozen=True)
class RateBook:
    """Converts into ``fallback``'s reporting currency at the rate in force on a day; a currency
    with no dated rate on that day falls back to the configured ``FX_RATES`` (if any), and with
    none either stays in its own currency rather than being guessed."""

    fallback: Conversion = field(default_factory=Conversion)
    days: dict[str, list[date]] = field(default_factory=dict)
    rates: dict[str, list[Decimal]] = field(default_factory=dict)

    @classmethod
    def of(cls, rates: Iterable[ExchangeRate], fallback: Conversion) -> RateBook:
        book = cls(fallback)
        for rate in sorted(rates, key=lambda r: (r.currency, r.valid_from)):
            book.days.setdefault(rate.currency, []).append(rate.valid_from)
            book.rates.setdefault(rate.currency, []).append(rate.rate)
        return book

    def convert(self, amount: Decimal, currency: str, on: date) -> tuple[Decimal, str]:
        target = self.fallback.reporting_currency
        if target is None or currency == target:
            return amount, currency
        index = bisect_right(self.days.get(currency, []), on) - 1
        if index >= 0:
            return amount * self.rates[currency][index], target
        return self.fallback.convert(amount, currency)

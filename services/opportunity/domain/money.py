"""Money: a non-negative Decimal amount with an ISO 4217 currency, never a float."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pycountry

from services.opportunity.domain.errors import InvalidInput, UnknownCurrency

MAX_AMOUNT = Decimal("1e15")

# ISO 4217 minor units for the currencies that do not use two; pycountry lists codes only.
_MINOR_UNITS: dict[str, int] = {
    **dict.fromkeys(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"], 3),
    **dict.fromkeys(["CLF", "UYW"], 4),
}
# Amounts may carry at least two decimals even in zero-decimal currencies (JPY, KRW): quotes
# are often computed with a discount and rounded later; more than the currency's own unit is
# refused when it uses three or four.
_MIN_SCALE = 2


def currency_decimals(currency: str) -> int:
    return max(_MINOR_UNITS.get(currency, 2), _MIN_SCALE)


def parse_currency(raw: str, field: str = "currency") -> str:
    code = (raw or "").strip().upper()
    if len(code) != 3 or pycountry.currencies.get(alpha_3=code) is None:
        raise UnknownCurrency(field, f"{raw!r} is not an ISO 4217 currency code (e.g. TWD, USD).")
    return code


def parse_amount(raw: str | Decimal | int, currency: str, field: str = "amount") -> Decimal:
    """A decimal string (or Decimal) → Decimal, refusing floats' cousins: NaN, infinities,
    exponents beyond range, negatives and more decimals than the currency allows."""
    if isinstance(raw, float):
        raise InvalidInput(field, "Amounts are decimal strings, never floats.")
    try:
        amount = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise InvalidInput(field, f'{raw!r} is not a decimal amount (e.g. "125000.00").') from None
    if not amount.is_finite():
        raise InvalidInput(field, "The amount must be a finite number.")
    if amount < 0:
        raise InvalidInput(field, "The amount cannot be negative.")
    if amount >= MAX_AMOUNT:
        raise InvalidInput(field, "The amount is too large.")
    decimals = currency_decimals(currency)
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > decimals:
        raise InvalidInput(field, f"{currency} amounts allow at most {decimals} decimals.", decimals=decimals)
    return amount + Decimal(0)  # normalise -0 to 0


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    @classmethod
    def of(cls, amount: str | Decimal | int, currency: str, field: str = "amount") -> Money:
        code = parse_currency(currency, "currency")
        return cls(parse_amount(amount, code, field), code)

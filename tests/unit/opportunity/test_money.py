from decimal import Decimal

import pytest

from services.opportunity.domain.errors import InvalidInput, UnknownCurrency
from services.opportunity.domain.money import Money


def test_amount_is_kept_as_an_exact_decimal() -> None:
    money = Money.of("125000.10", "twd")
    assert money == Money(Decimal("125000.10"), "TWD")


@pytest.mark.parametrize("amount", ["-1", "abc", "NaN", "Infinity", "1e40", "", "1.001"])
def test_bad_amounts_are_refused_naming_the_field(amount: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        Money.of(amount, "USD")
    assert caught.value.details == {"field": "amount", **(caught.value.details or {})}
    assert caught.value.code == "BAD_USER_INPUT"


def test_three_decimal_currencies_allow_three_decimals() -> None:
    assert Money.of("1.125", "KWD").amount == Decimal("1.125")


@pytest.mark.parametrize("currency", ["XYZ", "US", "", "dollars"])
def test_unknown_currencies_are_refused(currency: str) -> None:
    with pytest.raises(UnknownCurrency) as caught:
        Money.of("1", currency)
    assert caught.value.code == "UNKNOWN_CURRENCY"


def test_floats_are_refused() -> None:
    with pytest.raises(InvalidInput):
        Money.of(1.5, "USD")  # type: ignore[arg-type]

"""A deal's line items: which catalogue products it sells, how many, at what price and discount.

A deal with lines is worth their sum, so its amount can no longer be typed over; a deal without
lines keeps the amount its rep typed. Each line keeps the product's code, name and line as they
were when it was written, so a report reads what was sold even after the catalogue changes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING

from services.opportunity.domain.errors import DomainError, InvalidInput
from services.opportunity.domain.money import MAX_AMOUNT, Money, currency_decimals, parse_amount
from services.opportunity.domain.product import Product, ProductInactive, UnknownProduct

if TYPE_CHECKING:  # the opportunity holds its lines: only the type is needed here
    from services.opportunity.domain.opportunity import Opportunity

MAX_LINES = 200
MAX_QUANTITY = Decimal("1e9")
QUANTITY_DECIMALS = 3
HUNDRED = Decimal(100)


class AmountFromLineItems(DomainError):
    """A deal with line items is worth their sum; its amount is not typed."""

    code = "AMOUNT_FROM_LINE_ITEMS"


@dataclass(frozen=True)
class LineItem:
    product_id: str
    product_code: str
    product_name: str
    product_line: str
    quantity: Decimal
    unit_price: Money
    discount_percent: Decimal = Decimal(0)

    @property
    def total(self) -> Money:
        """Quantity × unit price, less the discount, rounded to the currency's unit."""
        gross = self.quantity * self.unit_price.amount * (HUNDRED - self.discount_percent) / HUNDRED
        unit = Decimal(1).scaleb(-currency_decimals(self.unit_price.currency))
        return Money(gross.quantize(unit, rounding=ROUND_HALF_UP), self.unit_price.currency)


@dataclass(frozen=True)
class LineRequest:
    """A line as typed: the unit price defaults to the product's list price."""

    product_id: str
    quantity: str | Decimal
    unit_price: str | Decimal | None = None
    discount_percent: str | Decimal | None = None


def _decimal(raw: str | Decimal, field: str) -> Decimal:
    if isinstance(raw, float):
        raise InvalidInput(field, "Write numbers as decimal strings, never floats.")
    try:
        value = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise InvalidInput(field, f"{raw!r} is not a decimal number.") from None
    if not value.is_finite():
        raise InvalidInput(field, "The number must be finite.")
    return value + Decimal(0)


def check_quantity(raw: str | Decimal, field: str) -> Decimal:
    quantity = _decimal(raw, field)
    if quantity <= 0:
        raise InvalidInput(field, "A quantity is more than zero.")
    if quantity >= MAX_QUANTITY:
        raise InvalidInput(field, "The quantity is too large.")
    exponent = quantity.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > QUANTITY_DECIMALS:
        raise InvalidInput(field, f"A quantity has at most {QUANTITY_DECIMALS} decimals.")
    return quantity


def check_discount(raw: str | Decimal | None, field: str) -> Decimal:
    if raw is None:
        return Decimal(0)
    discount = _decimal(raw, field)
    if not 0 <= discount <= HUNDRED:
        raise InvalidInput(field, "A discount is a percentage from 0 to 100.", min=0, max=100)
    exponent = discount.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > 2:
        raise InvalidInput(field, "A discount has at most two decimals.")
    return discount


def build_lines(
    requests: list[LineRequest], currency: str, products: dict[str, Product], kept: set[str]
) -> tuple[LineItem, ...]:
    """The lines, each checked; ``kept`` are products already on the deal, which stay allowed
    after the catalogue retires them (a new line cannot choose an inactive product)."""
    if len(requests) > MAX_LINES:
        raise InvalidInput("lineItems", f"A deal has at most {MAX_LINES} line items.", max=MAX_LINES)
    lines = []
    for index, request in enumerate(requests):
        at = f"lineItems[{index}]"
        product = products.get(request.product_id)
        if product is None:
            raise UnknownProduct(f"No product {request.product_id!r}.", {"field": f"{at}.productId"})
        if not product.active and product.id not in kept:
            raise ProductInactive(
                f"{product.code} is no longer sold.", {"field": f"{at}.productId", "code": product.code}
            )
        quantity = check_quantity(request.quantity, f"{at}.quantity")
        if request.unit_price is None:
            if product.list_price.currency != currency:
                raise InvalidInput(
                    f"{at}.unitPrice",
                    f"{product.code} is listed in {product.list_price.currency}; give its price in {currency}.",
                )
            price = product.list_price.amount
        else:
            price = parse_amount(request.unit_price, currency, f"{at}.unitPrice")
        lines.append(
            LineItem(
                product_id=product.id,
                product_code=product.code,
                product_name=product.name,
                product_line=product.product_line,
                quantity=quantity,
                unit_price=Money(price, currency),
                discount_percent=check_discount(request.discount_percent, f"{at}.discountPercent"),
            )
        )
    return tuple(lines)


def lines_total(lines: tuple[LineItem, ...], currency: str) -> Money:
    total = sum((line.total.amount for line in lines), Decimal(0))
    if total >= MAX_AMOUNT:
        raise InvalidInput("lineItems", "The line items add up to more than an amount can be.")
    return Money(total, currency)


def set_line_items(
    opportunity: Opportunity, lines: tuple[LineItem, ...], currency: str, *, now: datetime
) -> Opportunity:
    """The deal with these lines and worth their sum; no lines: its amount stays as it was, typed
    again from now on. The same lines again: the deal as it was."""
    value = lines_total(lines, currency) if lines else opportunity.value
    if lines == opportunity.line_items and value == opportunity.value:
        return opportunity
    return replace(
        opportunity, line_items=lines, value=value, updated_at=now, version=opportunity.version + 1
    )

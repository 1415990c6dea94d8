"""Scalars. Amounts travel as decimal strings; a JSON float is refused before it can round."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NewType

import strawberry

DecimalString = NewType("DecimalString", str)
"""The text of a decimal; the domain parses it (and says which field is wrong)."""


def _parse(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError('Write decimal numbers as strings, e.g. "125000.00".')
    return value


SCALAR_MAP: dict[object, Any] = {
    DecimalString: strawberry.scalar(
        name="Decimal",
        description='An exact decimal number written as a string, e.g. "125000.00". Never a float.',
        serialize=str,
        parse_value=_parse,
    )
}


def decimal_out(value: Decimal) -> DecimalString:
    return DecimalString(str(value))

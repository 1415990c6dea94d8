"""Scalars the gateway passes through to services as strings: exact decimals, ISO dates and
times. Inputs are checked here, so a malformed value is refused before any service call."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as _Decimal
from decimal import InvalidOperation
from typing import NewType

import strawberry
from strawberry.types.scalar import ScalarDefinition

Decimal = NewType("Decimal", str)
Date = NewType("Date", str)
DateTime = NewType("DateTime", str)


def _decimal(value: object) -> str:
    if isinstance(value, float) or not isinstance(value, str | int):
        raise ValueError('Write amounts as decimal strings, e.g. "125000.00".')
    try:
        parsed = _Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"{value!r} is not a decimal number.") from exc
    if not parsed.is_finite():
        raise ValueError("Amounts must be finite.")
    return str(value)


def _date(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("Write dates as YYYY-MM-DD.")
    date.fromisoformat(value)
    return value


def _datetime(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("Write times in ISO 8601 with a zone, e.g. 2026-05-01T09:00:00Z.")
    if datetime.fromisoformat(value).tzinfo is None:
        raise ValueError("A time needs its zone (for example Z for UTC).")
    return value


def _text(value: object) -> str:
    # Service answers are strings already; live events carry dates, times and decimals.
    isoformat = getattr(value, "isoformat", None)
    return str(isoformat()) if callable(isoformat) else str(value)


SCALARS: dict[object, ScalarDefinition] = {
    Decimal: strawberry.scalar(
        name="Decimal",
        description='An exact decimal number written as a string, e.g. "125000.00". Never a float.',
        serialize=_text,
        parse_value=_decimal,
    ),
    Date: strawberry.scalar(
        name="Date", description="A calendar date, YYYY-MM-DD.", serialize=_text, parse_value=_date
    ),
    DateTime: strawberry.scalar(
        name="DateTime",
        description="An ISO 8601 time with its zone (UTC).",
        serialize=_text,
        parse_value=_datetime,
    ),
}

"""Use cases for the exchange rates an administrator keeps (dated; costs convert at the rate of
their date)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.reporting.application.ports import Clock, ExchangeRateRepository
from services.reporting.domain.errors import RateNotFound
from services.reporting.domain.exchange_rates import ExchangeRate, checked_rate


async def set_rate(
    rates: ExchangeRateRepository, clock: Clock, by: str | None, reporting_currency: str | None,
    currency: str, valid_from: date, rate: Decimal,
) -> ExchangeRate:  # fmt: skip
    code = checked_rate(currency, rate, reporting_currency)
    saved = ExchangeRate(code, valid_from, rate, clock(), by)
    await rates.put(saved)
    return saved


async def remove_rate(rates: ExchangeRateRepository, currency: str, valid_from: date) -> None:
    code = (currency or "").strip().upper()
    if not await rates.remove(code, valid_from):
        raise RateNotFound(
            f"No {code} rate takes effect on {valid_from.isoformat()}.",
            {"currency": code, "validFrom": valid_from.isoformat()},
        )

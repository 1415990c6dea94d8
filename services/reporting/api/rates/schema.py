"""Exchange rates: administrators keep them (dated); managers and administrators read them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry

from servicekit.graphql import ApiError
from services.reporting.api.context import Info
from services.reporting.api.reports.permissions import require_admin_or_manager
from services.reporting.application.exchange_rates import remove_rate, set_rate
from services.reporting.domain import exchange_rates


def _require_admin(info: Info) -> None:
    if not info.context.identity.is_admin:
        raise ApiError("FORBIDDEN", "Only administrators keep exchange rates.")


@strawberry.type(description="A rate in force from its date until the next one for the currency.")
class ExchangeRate:
    currency: str
    reporting_currency: str
    valid_from: date
    rate: Decimal = strawberry.field(
        description="Units of the reporting currency one unit of `currency` buys."
    )
    set_at: datetime
    set_by: str | None

    @classmethod
    def from_domain(cls, r: exchange_rates.ExchangeRate, reporting_currency: str) -> ExchangeRate:
        return cls(currency=r.currency, reporting_currency=reporting_currency, valid_from=r.valid_from,
                   rate=r.rate, set_at=r.set_at, set_by=r.set_by)  # fmt: skip


@strawberry.input
class ExchangeRateInput:
    currency: str
    valid_from: date
    rate: Decimal


@strawberry.type
class RateQueries:
    @strawberry.field(description="The dated rates source costs are converted at, by currency and date.")
    async def exchange_rates(self, info: Info) -> list[ExchangeRate]:
        require_admin_or_manager(info.context.identity)
        services = info.context.services
        target = services.reporting_currency or ""
        return [ExchangeRate.from_domain(r, target) for r in await services.rates.all()]


@strawberry.type
class RateMutations:
    @strawberry.mutation(description="Set the rate in force from a date (replacing one set for that date).")
    async def set_exchange_rate(self, info: Info, input: ExchangeRateInput) -> ExchangeRate:
        _require_admin(info)
        services = info.context.services
        saved = await set_rate(services.rates, services.clock, info.context.identity.user_id,
                               services.reporting_currency, input.currency, input.valid_from, input.rate)  # fmt: skip
        return ExchangeRate.from_domain(saved, services.reporting_currency or "")

    @strawberry.mutation(description="Remove the rate set for a currency and date.")
    async def remove_exchange_rate(self, info: Info, currency: str, valid_from: date) -> bool:
        _require_admin(info)
        await remove_rate(info.context.services.rates, currency, valid_from)
        return True

"""Forecast from month rollups.

One pipeline's month keeps the OPEN opportunities whose expected close date falls in that month,
per team and current owner, and per currency: how many, the sum of their amounts, and the sum of
amount × probability (in percent). Rep names are looked up and amounts are converted when the
report is asked for: conversion is linear, so converting a sum equals summing converted amounts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from services.reporting.domain.catalog import Catalog
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.money import Conversion
from services.reporting.domain.reports.forecast import Forecast, forecast_lines, new_buckets
from services.reporting.domain.rollups.months import Month, Window, as_window, day_moment, in_period
from services.reporting.domain.view import OpportunityView


@dataclass
class _OpenSums:
    """Open opportunities of one currency."""

    opportunities: int = 0
    amount: Decimal = Decimal(0)
    amount_times_probability: Decimal = Decimal(0)
    """Sum of amount × probability (in percent): the weighted pipeline × 100."""

    def count(self, view: OpportunityView) -> None:
        self.opportunities += 1
        self.amount += view.amount
        self.amount_times_probability += view.amount * view.probability

    def to_json(self) -> list[Any]:
        return [self.opportunities, str(self.amount), str(self.amount_times_probability)]

    @classmethod
    def from_json(cls, data: list[Any]) -> _OpenSums:
        opportunities, amount, times_probability = data
        return cls(opportunities, Decimal(amount), Decimal(times_probability))


_ByCurrency = dict[str, _OpenSums]


@dataclass
class ForecastMonth:
    """One pipeline's figures for one month, kept per team (team None allowed)."""

    teams: dict[str | None, dict[str, _ByCurrency]] = field(default_factory=dict)
    """Team -> current owner -> currency -> the open opportunities due in the month."""

    @classmethod
    def of(cls, views: Iterable[OpportunityView], month: Month | Window) -> ForecastMonth:
        """``views``: the pipeline's opportunities that touch ``month`` (a superset is fine)."""
        window = as_window(month)
        part = cls()
        for view in views:
            if view.is_open and window.holds_day(view.expected_close_date):
                owners = part.teams.setdefault(view.team, {})
                currencies = owners.setdefault(view.owner_id, {})
                currencies.setdefault(view.currency, _OpenSums()).count(view)
        return part

    def to_json(self) -> Any:
        return [
            [
                team,
                {
                    owner: {currency: sums.to_json() for currency, sums in currencies.items()}
                    for owner, currencies in owners.items()
                },
            ]
            for team, owners in self.teams.items()
        ]

    @classmethod
    def from_json(cls, data: Any) -> ForecastMonth:
        return cls(
            {
                team: {
                    owner: {currency: _OpenSums.from_json(sums) for currency, sums in currencies.items()}
                    for owner, currencies in owners.items()
                }
                for team, owners in data
            }
        )


def forecast_moments_of(view: OpportunityView) -> set[datetime]:
    """The expected close date while open; nothing once closed (the month it was due in before
    is recomputed too, since an opportunity's previous months are always recomputed)."""
    return {day_moment(view.expected_close_date)} if view.is_open else set()


def forecast_from_months(
    months: Iterable[tuple[Month, str, ForecastMonth]],
    catalog: Catalog,
    flt: ReportFilter,
    conversion: Conversion,
) -> Forecast:
    """Exactly what ``forecast`` gives for a whole-month period."""
    by_rep, by_team = new_buckets(), new_buckets()
    for month, pipeline_id, part in months:
        if (flt.pipeline_id is not None and pipeline_id != flt.pipeline_id) or not in_period(month, flt):
            continue
        for team, owners in part.teams.items():
            if flt.team is not None and team != flt.team:
                continue
            for owner, currencies in owners.items():
                for raw_currency, sums in currencies.items():
                    amount, currency = conversion.convert(sums.amount, raw_currency)
                    times_probability, _ = conversion.convert(sums.amount_times_probability, raw_currency)
                    for bucket in (by_rep[(month, owner, currency)], by_team[(month, team or "", currency)]):
                        bucket[0] += sums.opportunities
                        bucket[1] += amount
                        bucket[2] += times_probability
    return Forecast(forecast_lines(by_rep, catalog, rep=True), forecast_lines(by_team, catalog, rep=False))

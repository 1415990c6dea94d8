"""Overdue by rep: open opportunities past their expected close date, and over a period how many
closed late and how often close dates slipped."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from services.reporting.domain.catalog import Catalog
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.money import Conversion, Totals
from services.reporting.domain.reports._common import MoneyAmount, money_lines
from services.reporting.domain.view import OpportunityView


@dataclass(frozen=True)
class OverdueOpportunity:
    opportunity_id: str
    title: str
    customer_name: str
    stage_key: str
    expected_close_date: date
    days_overdue: int
    amount: Decimal
    currency: str


@dataclass
class RepOverdue:
    rep_id: str
    rep_name: str | None = None
    overdue_count: int = 0
    overdue_amount: tuple[MoneyAmount, ...] = ()
    opportunities: list[OverdueOpportunity] = field(default_factory=list)
    closed: int = 0
    closed_late: int = 0
    slips: int = 0
    slipped_opportunities: int = 0


def overdue_by_rep(
    views: Iterable[OpportunityView], catalog: Catalog, flt: ReportFilter, today: date, conversion: Conversion
) -> list[RepOverdue]:
    """Open and overdue today (expected close date before ``today`` and inside the period);
    ``closed``/``closed_late``: closed in the period, late if after the expected date they then
    carried; ``slips``: close dates pushed later during the period, per current owner."""
    rows: dict[str, RepOverdue] = {}
    amounts: dict[str, Totals] = defaultdict(Totals)

    def row(rep: str) -> RepOverdue:
        return rows.setdefault(rep, RepOverdue(rep, catalog.user_name(rep)))

    for view in views:
        if not flt.in_scope(view):
            continue
        if view.is_open and view.expected_close_date < today and flt.contains_day(view.expected_close_date):
            entry = row(view.owner_id)
            entry.overdue_count += 1
            amounts[view.owner_id].add(*conversion.convert(view.amount, view.currency))
            entry.opportunities.append(
                OverdueOpportunity(
                    view.id,
                    view.title,
                    view.customer_name,
                    view.stage_key,
                    view.expected_close_date,
                    view.days_overdue(today),
                    view.amount,
                    view.currency,
                )
            )
        if not view.is_open and flt.contains(view.closed_at):
            entry = row(view.owner_id)
            entry.closed += 1
            entry.closed_late += int(view.closed_late)
        slips = sum(1 for c in view.close_date_changes if c.slipped and flt.contains(c.at))
        if slips:
            entry = row(view.owner_id)
            entry.slips += slips
            entry.slipped_opportunities += 1
    return finished(rows, amounts)


def finished(rows: dict[str, RepOverdue], amounts: dict[str, Totals]) -> list[RepOverdue]:
    """The report's rows with their amounts, the longest overdue first within a rep, the reps
    with most overdue first (the rollup path ends the same way)."""
    for rep, entry in rows.items():
        entry.overdue_amount = money_lines(amounts[rep].rounded())
        entry.opportunities.sort(key=lambda o: (-o.days_overdue, o.opportunity_id))
    return sorted(rows.values(), key=lambda r: (-r.overdue_count, r.rep_id))

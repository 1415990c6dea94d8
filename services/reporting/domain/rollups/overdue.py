"""Overdue by rep from month rollups.

One pipeline's month keeps, per team: the open opportunities whose expected close date falls in
the month (whether they are overdue is decided against "today" when the report is asked for),
per current owner how many closed in the month and how many of those late, and per opportunity
how often its close date slipped in the month (an opportunity that slipped in several months of a
period counts once among the slipped opportunities, so the opportunity is kept, not a count).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from services.reporting.domain.catalog import Catalog
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.money import Conversion, Totals
from services.reporting.domain.reports.overdue import OverdueOpportunity, RepOverdue, finished
from services.reporting.domain.rollups.months import Month, Window, as_window, day_moment, in_scope
from services.reporting.domain.view import OpportunityView


@dataclass(frozen=True)
class _DueOpen:
    opportunity_id: str
    title: str
    customer_name: str
    owner_id: str
    stage_key: str
    expected_close_date: date
    amount: Decimal
    currency: str

    def to_json(self) -> list[str]:
        return [self.opportunity_id, self.title, self.customer_name, self.owner_id, self.stage_key,
                self.expected_close_date.isoformat(), str(self.amount), self.currency]  # fmt: skip

    @classmethod
    def from_json(cls, data: list[str]) -> _DueOpen:
        id_, title, customer, owner, stage, due, amount, currency = data
        return cls(id_, title, customer, owner, stage, date.fromisoformat(due), Decimal(amount), currency)


@dataclass
class _TeamOverdue:
    due_open: list[_DueOpen] = field(default_factory=list)
    closed: dict[str, list[int]] = field(default_factory=dict)
    """Current owner -> [closed in the month, of which closed late]."""
    slips: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Opportunity id -> (current owner, close dates pushed later in the month)."""

    def __bool__(self) -> bool:
        return bool(self.due_open or self.closed or self.slips)


@dataclass
class OverdueMonth:
    """One pipeline's figures for one month, kept per team (team None allowed)."""

    teams: dict[str | None, _TeamOverdue] = field(default_factory=dict)

    @classmethod
    def of(cls, views: Iterable[OpportunityView], month: Month | Window) -> OverdueMonth:
        """``views``: the pipeline's opportunities that touch ``month`` (a superset is fine)."""
        window = as_window(month)
        part = cls()
        for view in views:
            team = part.teams.get(view.team) or _TeamOverdue()
            if view.is_open and window.holds_day(view.expected_close_date):
                team.due_open.append(
                    _DueOpen(view.id, view.title, view.customer_name, view.owner_id, view.stage_key,
                             view.expected_close_date, view.amount, view.currency)
                )  # fmt: skip
            if not view.is_open and view.closed_at is not None and window.holds(view.closed_at):
                counts = team.closed.setdefault(view.owner_id, [0, 0])
                counts[0] += 1
                counts[1] += int(view.closed_late)
            slips = sum(1 for c in view.close_date_changes if c.slipped and window.holds(c.at))
            if slips:
                team.slips[view.id] = (view.owner_id, slips)
            if team:
                part.teams[view.team] = team
        return part

    def to_json(self) -> Any:
        return [
            [
                team,
                [entry.to_json() for entry in figures.due_open],
                figures.closed,
                [[opportunity_id, owner, slips] for opportunity_id, (owner, slips) in figures.slips.items()],
            ]
            for team, figures in self.teams.items()
        ]

    @classmethod
    def from_json(cls, data: Any) -> OverdueMonth:
        return cls(
            {
                team: _TeamOverdue(
                    [_DueOpen.from_json(entry) for entry in due_open],
                    closed,
                    {opportunity_id: (owner, count) for opportunity_id, owner, count in slips},
                )
                for team, due_open, closed, slips in data
            }
        )


def overdue_moments_of(view: OpportunityView) -> set[datetime]:
    """The due date while open, the closing once closed, and its slips."""
    moments = {c.at for c in view.close_date_changes if c.slipped}
    if view.is_open:
        moments.add(day_moment(view.expected_close_date))
    elif view.closed_at is not None:
        moments.add(view.closed_at)
    return moments


def overdue_from_months(
    months: Iterable[tuple[Month, str, OverdueMonth]],
    catalog: Catalog,
    flt: ReportFilter,
    today: date,
    conversion: Conversion,
) -> list[RepOverdue]:
    """Exactly what ``overdue_by_rep`` gives for a whole-month period."""
    rows: dict[str, RepOverdue] = {}
    amounts: dict[str, Totals] = defaultdict(Totals)
    slipped: dict[str, tuple[str, int]] = {}

    def row(rep: str) -> RepOverdue:
        return rows.setdefault(rep, RepOverdue(rep, catalog.user_name(rep)))

    for _, figures in in_scope(months, flt):
        for due in figures.due_open:
            if due.expected_close_date < today:
                _add_overdue(row(due.owner_id), due, today)
                amounts[due.owner_id].add(*conversion.convert(due.amount, due.currency))
        for owner, (closed, late) in figures.closed.items():
            entry = row(owner)
            entry.closed += closed
            entry.closed_late += late
        for opportunity_id, (owner, slips) in figures.slips.items():
            total = slipped.get(opportunity_id, (owner, 0))[1]
            slipped[opportunity_id] = (owner, total + slips)
    for owner, slips in slipped.values():
        entry = row(owner)
        entry.slips += slips
        entry.slipped_opportunities += 1
    return finished(rows, amounts)


def _add_overdue(entry: RepOverdue, due: _DueOpen, today: date) -> None:
    entry.overdue_count += 1
    entry.opportunities.append(
        OverdueOpportunity(due.opportunity_id, due.title, due.customer_name, due.stage_key,
                           due.expected_close_date, (today - due.expected_close_date).days,
                           due.amount, due.currency)
    )  # fmt: skip

"""Rep appraisal: what each rep owned, won and lost in a period, and the score the policy gives."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.reporting.domain.catalog import Catalog
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.money import Conversion, Totals, cents
from services.reporting.domain.policy import AppraisalPolicy
from services.reporting.domain.reports._common import MoneyAmount, average_cycle, money_lines, ratio
from services.reporting.domain.view import OpportunityView


@dataclass(frozen=True)
class RepAppraisal:
    rep_id: str
    rep_name: str | None
    owned: int
    won: int
    lost: int
    win_rate: Decimal | None
    won_amount: tuple[MoneyAmount, ...]
    average_cycle_seconds: int | None
    overdue: int
    score: Decimal


@dataclass(frozen=True)
class AppraisalReport:
    policy: AppraisalPolicy
    reps: tuple[RepAppraisal, ...]


def rep_appraisal(
    views: Iterable[OpportunityView],
    catalog: Catalog,
    policy: AppraisalPolicy,
    flt: ReportFilter,
    today: date,
    conversion: Conversion,
) -> AppraisalReport:
    """``owned``: opportunities the rep owned at any time in the period. ``won``/``lost``, won
    amount and cycle time: closed in the period, counted for the owner at closing. ``overdue``:
    the rep's open opportunities past their expected close date today. ``score``: for each win in
    the period, the policy's reward split by its credit rule."""
    owned: dict[str, set[str]] = defaultdict(set)
    won: dict[str, list[OpportunityView]] = defaultdict(list)
    lost: dict[str, int] = defaultdict(int)
    won_amount: dict[str, Totals] = defaultdict(Totals)
    overdue: dict[str, int] = defaultdict(int)
    score: dict[str, Decimal] = defaultdict(Decimal)
    for view in views:
        if not flt.in_scope(view):
            continue
        for period in view.ownership:
            if flt.overlaps(period.start, period.end):
                owned[period.owner_id].add(view.id)
        if view.is_open and view.expected_close_date < today and flt.overlaps(view.created_at, None):
            overdue[view.owner_id] += 1
        if view.is_open or not flt.contains(view.closed_at):
            continue
        if view.lost:
            lost[view.owner_id] += 1
            continue
        won[view.owner_id].append(view)
        won_amount[view.owner_id].add(*conversion.convert(view.amount, view.currency))
        reward = policy.reward(view, conversion)
        for rep, share in policy.credit_shares(view).items():
            score[rep] += reward * share
    reps = set(owned) | set(won) | set(lost) | set(overdue) | set(score)
    rows = [
        RepAppraisal(
            rep_id=rep,
            rep_name=catalog.user_name(rep),
            owned=len(owned[rep]),
            won=len(won[rep]),
            lost=lost[rep],
            win_rate=ratio(len(won[rep]), len(won[rep]) + lost[rep]),
            won_amount=money_lines(won_amount[rep].rounded()),
            average_cycle_seconds=average_cycle(won[rep]),
            overdue=overdue[rep],
            score=cents(score[rep]),
        )
        for rep in sorted(reps)
    ]
    return AppraisalReport(policy, tuple(sorted(rows, key=lambda r: (-r.score, r.rep_id))))

"""The rep appraisal from month rollups.

What a rep owned in a period is a count of distinct opportunities, which months do not add up to
directly. It is split exactly instead: an ownership interval overlaps ``[s, e)`` when it was
running at ``s`` (started before, not ended by ``s``) or started inside the period, and the
intervals running at ``s`` are those started before ``s`` minus those ended by then, so counts of
interval starts and ends per month answer it. A rep who held one opportunity in two intervals
(it was handed back) is kept apart with its exact intervals, so it is never counted twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from services.reporting.domain.catalog import Catalog
from services.reporting.domain.difficulty import DifficultySource, WinTerms, win_terms
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.money import Conversion, Totals, cents
from services.reporting.domain.policy import AppraisalPolicy, CreditRule, credit_shares
from services.reporting.domain.reports._common import money_lines, ratio
from services.reporting.domain.reports.appraisal import AppraisalReport, RepAppraisal
from services.reporting.domain.rollups.months import (
    Month,
    Window,
    as_window,
    end_moment,
    month_of,
    month_start,
    on_quarter_boundary,
)
from services.reporting.domain.stats import mean_of
from services.reporting.domain.view import OpportunityView, Ownership

Interval = tuple[datetime, datetime | None]


def _regular(intervals: list[Interval]) -> bool:
    """One interval of positive length (or still running): counted by its start and end months."""
    return len(intervals) == 1 and (intervals[0][1] is None or intervals[0][1] > intervals[0][0])


def _point(intervals: list[Interval]) -> bool:
    """One interval of no length (an opportunity closed as it was created, as imported deals
    are), not on a quarter hour's first instant, where every block a rollup keeps starts: it
    overlaps exactly the periods strictly around it, so a sum of blocks counts it right unless
    it lies on a block's start (those are kept as irregular, with their exact interval)."""
    return (
        len(intervals) == 1
        and intervals[0][1] == intervals[0][0]
        and not on_quarter_boundary(intervals[0][0])
    )


def _by_rep(ownership: Iterable[Ownership]) -> dict[str, list[Interval]]:
    held: dict[str, list[Interval]] = defaultdict(list)
    for period in ownership:
        held[period.owner_id].append((period.start, period.end))
    return held


@dataclass
class RepMonth:
    """One rep's figures in one month of one pipeline and team."""

    starts: int = 0
    ends: int = 0
    points: int = 0
    irregular: list[tuple[str, list[Interval]]] = field(default_factory=list)
    won: int = 0
    lost: int = 0
    cycle_sum: int = 0
    cycle_count: int = 0
    won_amount: dict[str, Decimal] = field(default_factory=dict)
    open_due: dict[int, int] = field(default_factory=dict)
    """Open opportunities created this month, counted by expected close date (ordinal)."""


Teams = dict[str | None, dict[str, RepMonth]]


@dataclass
class AppraisalMonth:
    teams: Teams = field(default_factory=dict)

    def rep(self, team: str | None, rep: str) -> RepMonth:
        return self.teams.setdefault(team, {}).setdefault(rep, RepMonth())

    @classmethod
    def of(cls, views: Iterable[OpportunityView], month: Month | Window) -> AppraisalMonth:
        window = as_window(month)
        partial = cls()
        for view in views:
            for rep, intervals in _by_rep(view.ownership).items():
                if _point(intervals):
                    # No length: it overlaps a period only strictly inside it, so not at the
                    # first instant of a period that starts in this window.
                    if window.holds(intervals[0][0]) and intervals[0][0] > window.start:
                        partial.rep(view.team, rep).points += 1
                    continue
                if not _regular(intervals):
                    if window.holds(intervals[0][0]):
                        partial.rep(view.team, rep).irregular.append((view.id, intervals))
                    continue
                start, end = intervals[0]
                if window.holds(start):
                    partial.rep(view.team, rep).starts += 1
                if end is not None and window.holds_end(end):
                    partial.rep(view.team, rep).ends += 1
            if view.is_open:
                if window.holds(view.created_at):
                    due = partial.rep(view.team, view.owner_id).open_due
                    day = view.expected_close_date.toordinal()
                    due[day] = due.get(day, 0) + 1
            elif view.closed_at is not None and window.holds(view.closed_at):
                _add_closed(partial, view)
        return partial

    def to_json(self) -> Any:
        return [
            [team, {rep: _rep_to_json(row) for rep, row in reps.items()}] for team, reps in self.teams.items()
        ]

    @classmethod
    def from_json(cls, data: Any) -> AppraisalMonth:
        return cls({team: {rep: _rep_from_json(row) for rep, row in reps.items()} for team, reps in data})


def _add_closed(partial: AppraisalMonth, view: OpportunityView) -> None:
    row = partial.rep(view.team, view.owner_id)
    if view.lost:
        row.lost += 1
        return
    row.won += 1
    if view.cycle_seconds is not None:
        row.cycle_sum += view.cycle_seconds
        row.cycle_count += 1
    row.won_amount[view.currency] = row.won_amount.get(view.currency, Decimal(0)) + view.amount


def appraisal_moments_of(view: OpportunityView) -> set[datetime]:
    """Each rep's first start (and end, for one regular interval), the creation while open,
    and the closing once closed."""
    moments: set[datetime] = set()
    for intervals in _by_rep(view.ownership).values():
        start, end = intervals[0]
        moments.add(start)
        if _regular(intervals) and end is not None:
            moments.add(end_moment(end))
    if view.is_open:
        moments.add(view.created_at)
    elif view.closed_at is not None:
        moments.add(view.closed_at)
    return moments


@dataclass
class _RepTotals:
    owned: int = 0
    won: int = 0
    lost: int = 0
    cycle_sum: int = 0
    cycle_count: int = 0
    won_amount: Totals = field(default_factory=Totals)
    overdue: int = 0
    score: Decimal = Decimal(0)
    scored: bool = False


def appraisal_from_months(
    months: Iterable[tuple[Month, str, AppraisalMonth]],
    catalog: Catalog,
    policy: AppraisalPolicy,
    flt: ReportFilter,
    today: date,
    conversion: Conversion,
    lead: Iterable[tuple[Month, str, AppraisalMonth]] = (),
    scores: Iterable[tuple[Month, str, ScoresMonth]] = (),
) -> AppraisalReport:
    """What ``rep_appraisal`` gives. ``months``: every month before the period's end, those the
    period starts or ends in covering only its part of them; ``lead``: when the period starts
    inside a month, that month's part before it; ``scores``: the period's months (and parts of
    its edge months) of the wins' terms, which the policy prices."""
    first = month_of(flt.start) if flt.start else None
    totals: dict[str, _RepTotals] = defaultdict(_RepTotals)
    irregular: dict[tuple[str, str], list[Interval]] = {}
    pieces = [(month, pipeline_id, partial, False) for month, pipeline_id, partial in lead]
    pieces += [
        (month, pipeline_id, partial, first is None or month >= first)
        for month, pipeline_id, partial in months
    ]
    for month, pipeline_id, partial, in_period in pieces:
        if (flt.pipeline_id is not None and pipeline_id != flt.pipeline_id) or (
            flt.end is not None and month_start(month) >= flt.end
        ):
            continue
        for team, reps in partial.teams.items():
            if flt.team is not None and team != flt.team:
                continue
            for rep, row in reps.items():
                total = totals[rep]
                # Running at the start: started before it and not ended by it; then those started in it.
                total.owned += row.starts + row.points if in_period else row.starts - row.ends
                total.overdue += sum(n for day, n in row.open_due.items() if day < today.toordinal())
                irregular.update({(rep, opportunity): spans for opportunity, spans in row.irregular})
                if in_period:
                    _add_period_row(total, row, conversion)
    for month, pipeline_id, priced in scores:
        if (
            (flt.pipeline_id is not None and pipeline_id != flt.pipeline_id)
            or (flt.end is not None and month_start(month) >= flt.end)
            or (first is not None and month < first)
        ):
            continue
        for team, rep, terms, share in priced.shares(policy.credit_rule):
            if flt.team is None or team == flt.team:
                totals[rep].score += policy.reward(terms, conversion) * share
                totals[rep].scored = True
    for (rep, _opportunity), spans in irregular.items():
        if any(flt.overlaps(start, stop) for start, stop in spans):
            totals[rep].owned += 1
    rows = [
        RepAppraisal(
            rep_id=rep,
            rep_name=catalog.user_name(rep),
            owned=total.owned,
            won=total.won,
            lost=total.lost,
            win_rate=ratio(total.won, total.won + total.lost),
            won_amount=money_lines(total.won_amount.rounded()),
            average_cycle_seconds=mean_of(total.cycle_sum, total.cycle_count) if total.cycle_count else None,
            overdue=total.overdue,
            score=cents(total.score),
        )
        for rep, total in sorted(totals.items())
        if total.owned or total.won or total.lost or total.overdue or total.scored
    ]
    return AppraisalReport(policy, tuple(sorted(rows, key=lambda r: (-r.score, r.rep_id))))


def _add_period_row(total: _RepTotals, row: RepMonth, conversion: Conversion) -> None:
    total.won += row.won
    total.lost += row.lost
    total.cycle_sum += row.cycle_sum
    total.cycle_count += row.cycle_count
    for currency, amount in row.won_amount.items():
        total.won_amount.add(*conversion.convert(amount, currency))


def _rep_to_json(row: RepMonth) -> Any:
    """Only what is there: most reps have most figures at zero in a given month."""
    data = {
        "s": row.starts,
        "e": row.ends,
        "o": row.points,
        "i": [[opp, [[a.isoformat(), b.isoformat() if b else None] for a, b in spans]] for opp, spans in row.irregular],
        "w": row.won,
        "l": row.lost,
        "c": [row.cycle_sum, row.cycle_count] if row.cycle_count else [],
        "a": {currency: str(amount) for currency, amount in row.won_amount.items()},
        "d": [[day, n] for day, n in row.open_due.items()],
    }  # fmt: skip
    return {key: value for key, value in data.items() if value}


def _rep_from_json(data: Any) -> RepMonth:
    cycle_sum, cycle_count = data.get("c") or (0, 0)
    return RepMonth(
        starts=data.get("s", 0),
        ends=data.get("e", 0),
        points=data.get("o", 0),
        irregular=[
            (opp, [(datetime.fromisoformat(a), datetime.fromisoformat(b) if b else None) for a, b in spans])
            for opp, spans in data.get("i", ())
        ],
        won=data.get("w", 0),
        lost=data.get("l", 0),
        cycle_sum=cycle_sum,
        cycle_count=cycle_count,
        won_amount={currency: Decimal(amount) for currency, amount in data.get("a", {}).items()},
        open_due={day: n for day, n in data.get("d", ())},
    )


@dataclass
class ScoresMonth:
    """The wins closed in one month (or part of one), as the appraisal's score reads them: per
    credit rule, each credited rep's Σ share of the wins with each set of appraisal terms (what
    the policy's rules read). A policy prices each set of terms, and the score is linear in the
    shares, so any version's score follows. Kept apart from ``AppraisalMonth``: a report reads
    every month before its period for what reps owned, and only the period's months for this."""

    shares_by_rule: dict[CreditRule, dict[tuple[str | None, str, WinTerms], Decimal]] = field(
        default_factory=dict
    )
    stored: dict[str, Any] = field(default_factory=dict)
    """Rules as stored, decoded only when a report prices them."""

    def shares(self, rule: CreditRule) -> list[tuple[str | None, str, WinTerms, Decimal]]:
        if rule not in self.shares_by_rule and rule.value in self.stored:
            self.shares_by_rule[rule] = {
                (team, rep, _terms_from_json(terms)): Decimal(share)
                for team, rep, terms, share in self.stored.pop(rule.value)
            }
        return [
            (team, rep, terms, share)
            for (team, rep, terms), share in self.shares_by_rule.get(rule, {}).items()
        ]

    @classmethod
    def of(cls, views: Iterable[OpportunityView], month: Month | Window) -> ScoresMonth:
        window = as_window(month)
        partial = cls()
        for view in views:
            if not view.won or view.closed_at is None or not window.holds(view.closed_at):
                continue
            terms = win_terms(view)
            for rule in CreditRule:
                shares = partial.shares_by_rule.setdefault(rule, {})
                for rep, share in credit_shares(rule, view).items():
                    key = (view.team, rep, terms)
                    shares[key] = shares.get(key, Decimal(0)) + share
        return partial

    def to_json(self) -> Any:
        return {
            **self.stored,
            **{
                rule.value: [
                    [team, rep, _terms_to_json(terms), str(share)]
                    for (team, rep, terms), share in shares.items()
                ]
                for rule, shares in self.shares_by_rule.items()
            },
        }

    @classmethod
    def from_json(cls, data: Any) -> ScoresMonth:
        return cls(stored=dict(data))


def scores_moments_of(view: OpportunityView) -> set[datetime]:
    return {view.closed_at} if view.won and view.closed_at is not None else set()


def _terms_to_json(t: WinTerms) -> Any:
    fixed = None if t.fixed_difficulty is None else str(t.fixed_difficulty)
    return [int(t.new_customer), int(t.new_product_by_history), t.launch_age_days, fixed, t.fixed_source.value,
            t.segment, list(t.product_lines), str(t.amount), t.currency]  # fmt: skip


def _terms_from_json(data: Any) -> WinTerms:
    new_customer, new_product, age, fixed, source, segment, lines, amount, currency = data
    return WinTerms(
        new_customer=bool(new_customer), new_product_by_history=bool(new_product), launch_age_days=age,
        fixed_difficulty=None if fixed is None else Decimal(fixed), fixed_source=DifficultySource(source),
        segment=segment, product_lines=tuple(lines), amount=Decimal(amount), currency=currency,
    )  # fmt: skip

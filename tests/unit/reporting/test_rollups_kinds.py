"""What every report kept as month rollups must hold, checked for each one alike: a month's
partial takes only what falls in that month, whatever else it is given; a month outside the
period changes nothing; a month read twice shows (so the equality tests would catch double
counting)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

import pytest

from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.money import Conversion
from services.reporting.domain.policy import AppraisalPolicy, CreditRule
from services.reporting.domain.reports.appraisal import rep_appraisal
from services.reporting.domain.reports.calibration import calibration
from services.reporting.domain.reports.forecast import forecast
from services.reporting.domain.reports.lost_reasons import lost_reasons
from services.reporting.domain.reports.overdue import overdue_by_rep
from services.reporting.domain.reports.source_value import source_value
from services.reporting.domain.rollups import appraisal, kinds, overdue
from services.reporting.domain.rollups import calibration as calibration_months
from services.reporting.domain.rollups import forecast as forecast_months
from services.reporting.domain.rollups import lost_reasons as lost_months
from services.reporting.domain.rollups import source_value as source_months
from services.reporting.domain.rollups.appraisal import AppraisalMonth, ScoresMonth
from services.reporting.domain.rollups.blocks import (
    QUARTER,
    block_partials,
    day_blocks,
    month_blocks,
    window_pieces,
)
from services.reporting.domain.rollups.kinds import KINDS, RollupKind
from services.reporting.domain.rollups.months import Window, month_of, on_quarter_boundary, period_pieces
from services.reporting.domain.view import Ownership
from tests.unit.reporting.random_views import (
    CATALOG,
    PERIODS,
    TODAY,
    random_views,
    stored,
    views_and_months,
    within,
)

SEEDS = [1, 2, 3]
POLICY = AppraisalPolicy(1, Decimal("100"), Decimal("50"), Decimal("30"), CreditRule.OWNER_AT_CLOSE,
                         datetime(2026, 1, 1, tzinfo=UTC))  # fmt: skip


@cache
def _views(seed: int) -> list:
    return random_views(seed)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_a_month_built_from_every_opportunity_of_its_pipeline_keeps_only_its_own(
    seed, kind: RollupKind
) -> None:
    views = _views(seed)
    groups: dict[tuple[str, str], list] = {}
    for view in views:
        for month in kind.months_of(view):
            groups.setdefault((month, view.pipeline_id), []).append(view)
    assert groups
    for (month, pipeline_id), group in groups.items():
        everyone = [v for v in views if v.pipeline_id == pipeline_id]
        assert json.dumps(kind.partial(everyone, month)) == json.dumps(kind.partial(group, month)), month


@dataclass(frozen=True)
class Report:
    """One report as both paths compute it, with the rollup partial it reads."""

    kind: RollupKind[Any]
    by_opportunity: Callable[[list, ReportFilter], Any]
    from_months: Callable[[list, ReportFilter], Any]


REPORTS = {
    "appraisal": Report(
        kinds.APPRAISAL,
        lambda views, flt: rep_appraisal(views, CATALOG, POLICY, flt, TODAY, Conversion()),
        lambda months, flt: _appraisal(months, flt),
    ),
    "overdue": Report(
        kinds.OVERDUE,
        lambda views, flt: overdue_by_rep(views, CATALOG, flt, TODAY, Conversion()),
        lambda months, flt: overdue.overdue_from_months(months, CATALOG, flt, TODAY, Conversion()),
    ),
    "source value": Report(
        kinds.SOURCE_VALUE,
        lambda views, flt: source_value(views, CATALOG, flt, Conversion()),
        lambda months, flt: source_months.source_value_from_months(months, CATALOG, flt, Conversion()),
    ),
    "forecast": Report(
        kinds.FORECAST,
        lambda views, flt: forecast(views, CATALOG, flt, Conversion()),
        lambda months, flt: forecast_months.forecast_from_months(months, CATALOG, flt, Conversion()),
    ),
    "calibration": Report(
        kinds.CALIBRATION,
        lambda views, flt: calibration(views, CATALOG, flt),
        lambda months, flt: calibration_months.calibration_from_months(months, CATALOG, flt),
    ),
    "lost reasons": Report(
        kinds.LOST_REASONS,
        lambda views, flt: lost_reasons(views, CATALOG, flt),
        lambda months, flt: lost_months.lost_reasons_from_months(months, CATALOG, flt),
    ),
}  # fmt: skip


def _appraisal(months: list, flt: ReportFilter, lead: list | None = None) -> Any:
    """The appraisal from its two kinds' partials, read together: what reps owned and won, and
    the wins' terms the score prices."""
    owned = [m for m in months if isinstance(m[2], AppraisalMonth)]
    scores = [m for m in months if isinstance(m[2], ScoresMonth)]
    return appraisal.appraisal_from_months(
        owned, CATALOG, POLICY, flt, TODAY, Conversion(), lead or [], scores
    )


def _months(name: str, seed: int) -> list:
    months = views_and_months(seed, REPORTS[name].kind)[1]
    if name == "appraisal":
        months = sorted([*months, *views_and_months(seed, kinds.APPRAISAL_SCORES)[1]], key=lambda m: m[:2])
    return months


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", REPORTS)
def test_months_outside_the_period_change_nothing(seed, name) -> None:
    for flt in (
        ReportFilter(*PERIODS["a quarter"], "p-software"),
        ReportFilter(*PERIODS["across a year end"], team="north"),
    ):
        assert REPORTS[name].from_months(_months(name, seed), flt) == REPORTS[name].by_opportunity(
            _views(seed), flt
        )


@pytest.mark.parametrize("name", REPORTS)
def test_a_month_read_twice_would_show(name) -> None:
    flt = ReportFilter(*PERIODS["a quarter"])
    months = _months(name, 1)
    assert flt.start is not None
    doubled = months + [m for m in months if m[0] == month_of(flt.start)]
    assert REPORTS[name].from_months(doubled, flt) != REPORTS[name].by_opportunity(_views(1), flt)


UNALIGNED = {
    "mid-month to mid-month": (
        datetime(2026, 3, 10, 15, 30, tzinfo=UTC),
        datetime(2026, 6, 20, 8, tzinfo=UTC),
    ),
    "inside one month": (datetime(2026, 4, 5, tzinfo=UTC), datetime(2026, 4, 25, 12, tzinfo=UTC)),
    "open start, mid-month end": (None, datetime(2026, 5, 17, tzinfo=UTC)),
    "mid-month start, open end": (datetime(2026, 2, 14, 9, tzinfo=UTC), None),
    "across a year end": (datetime(2025, 12, 3, tzinfo=UTC), datetime(2026, 1, 9, 23, 59, tzinfo=UTC)),
    "a month start to mid-month": (datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 3, 31, 18, tzinfo=UTC)),
}


WITHIN_DAYS = {
    "Taipei months (UTC+8)": (datetime(2026, 2, 28, 16, tzinfo=UTC), datetime(2026, 5, 31, 16, tzinfo=UTC)),
    "Kathmandu days (UTC+5:45)": (
        datetime(2026, 3, 9, 18, 15, tzinfo=UTC),
        datetime(2026, 6, 19, 18, 15, tzinfo=UTC),
    ),
    "to the microsecond": (
        datetime(2026, 3, 10, 15, 31, 7, 123456, tzinfo=UTC),
        datetime(2026, 6, 20, 8, 0, 0, 1, tzinfo=UTC),
    ),
    "inside one day": (datetime(2026, 4, 5, 8, tzinfo=UTC), datetime(2026, 4, 5, 20, 30, tzinfo=UTC)),
    "inside one quarter hour": (
        datetime(2026, 4, 5, 8, 1, tzinfo=UTC),
        datetime(2026, 4, 5, 8, 14, 59, tzinfo=UTC),
    ),
    "open start, ending in a month's last quarter hour": (None, datetime(2026, 4, 30, 23, 50, tzinfo=UTC)),
}


def _from_blocks(kind: RollupKind, views: list, window: Window) -> Any:
    """A window's partials as the store answers it from what a build keeps: blocks of days, blocks
    of quarter hours, and the parts of a quarter hour from the opportunities listed under it."""
    month = month_blocks(window.month)
    key = (kind.name, window.month, tuple(v.id for v in views))
    if key not in _BUILT:
        _BUILT[key] = block_partials(month, views, kind.moments_of, kind.partial)
    days, day_views = _BUILT[key]
    pieces = window_pieces(window)
    empty = kind.partial([], window)
    found = [days[position] or empty for position in pieces.days]
    for day_start, positions in pieces.quarters.items():
        quarters, _ = block_partials(
            day_blocks(day_start), day_views[(day_start - month.start).days], kind.moments_of, kind.partial
        )
        found += [quarters[position] or empty for position in positions]
    for day_start, part in pieces.remnants:
        listed = day_blocks(day_start).members(views, kinds.period_moments_of)[0]
        found.append(kind.partial(listed[(part.start - day_start) // QUARTER], part))
    return found


_BUILT: dict[tuple[str, str, tuple[str, ...]], tuple[list, list]] = {}
"""Each month's day blocks, built once per report, month and set of opportunities."""


def _pieces_of(name: str, seed: int, flt: ReportFilter, from_blocks: bool = False) -> tuple[list, list]:
    """As the report use case reads them: whole months from rollups, the period's parts of the
    months it starts or ends in from those months' opportunities (or, ``from_blocks``, from the
    blocks a build keeps), and the appraisal's lead."""
    report, views, pieces = REPORTS[name], _views(seed), period_pieces(flt)
    months = _months(name, seed)
    if name == "appraisal":  # every month before the period's end, but the one it starts in
        whole = [
            m for m in within(months, (None, pieces.end)) if not (pieces.lead and m[0] == pieces.lead.month)
        ]
    else:
        whole = within(months, (pieces.first, pieces.end))

    def parts(window: Window, kind: RollupKind = report.kind) -> list:
        pipelines = sorted({v.pipeline_id for v in views})
        if from_blocks:
            return [
                (window.month, p, stored(kind.decode(data), kind.partial_type.from_json))
                for p in pipelines
                for data in _from_blocks(kind, [v for v in views if v.pipeline_id == p], window)
            ]
        return [
            (
                window.month,
                p,
                stored(
                    kind.partial_type.of([v for v in views if v.pipeline_id == p], window),
                    kind.partial_type.from_json,
                ),
            )
            for p in pipelines
        ]

    edges = [part for window in pieces.edges for part in parts(window)]
    if name == "appraisal":
        edges += [part for window in pieces.edges for part in parts(window, kinds.APPRAISAL_SCORES)]
    return whole + edges, parts(pieces.lead) if pieces.lead else []


def _from_pieces(name: str, seed: int, flt: ReportFilter, from_blocks: bool = False) -> Any:
    """The report from what ``_pieces_of`` reads."""
    read, lead = _pieces_of(name, seed, flt, from_blocks)
    if name == "appraisal":
        return _appraisal(read, flt, lead)
    return REPORTS[name].from_months(read, flt)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("period", UNALIGNED)
@pytest.mark.parametrize("name", REPORTS)
def test_any_period_is_whole_months_plus_the_parts_of_its_edge_months(seed, period, name) -> None:
    for flt in (ReportFilter(*UNALIGNED[period]), ReportFilter(*UNALIGNED[period], "p-software", "north")):
        assert _from_pieces(name, seed, flt) == REPORTS[name].by_opportunity(_views(seed), flt)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("period", [*UNALIGNED, *WITHIN_DAYS])
@pytest.mark.parametrize("name", REPORTS)
def test_any_period_is_whole_months_plus_blocks_of_days_and_quarter_hours(seed, period, name) -> None:
    bounds = UNALIGNED.get(period) or WITHIN_DAYS[period]
    for flt in (ReportFilter(*bounds), ReportFilter(*bounds, "p-software", "north")):
        assert _from_pieces(name, seed, flt, from_blocks=True) == REPORTS[name].by_opportunity(
            _views(seed), flt
        )


def test_a_deal_closed_as_it_was_created_at_a_midnight_inside_the_period_is_owned_in_it() -> None:
    """An imported deal is owned for no time at all: it counts in a period strictly around it.
    At a midnight (where a block of days starts) a sum of blocks would miss it unless it is kept
    with its exact interval."""
    imported = next(v for v in _views(1) if v.closed_at == v.created_at and v.pipeline_id == "p-software")
    at = datetime(2026, 5, 15, tzinfo=UTC)
    view = replace(
        imported, created_at=at, closed_at=at, ownership=(Ownership(imported.owner_id, at, at),), visits=()
    )
    for bounds in (
        (datetime(2026, 5, 10, 8, tzinfo=UTC), datetime(2026, 7, 20, tzinfo=UTC)),
        (datetime(2026, 5, 14, 23, 47, 3, tzinfo=UTC), datetime(2026, 5, 15, 0, 15, tzinfo=UTC)),
        (at, datetime(2026, 5, 20, tzinfo=UTC)),  # starting at it: not strictly around it
    ):
        flt = ReportFilter(*bounds, "p-software")
        expected = rep_appraisal([view], CATALOG, POLICY, flt, TODAY, Conversion())
        pieces = period_pieces(flt)
        edges = [
            (window.month, "p-software", AppraisalMonth.from_json(data))
            for window in pieces.edges
            for data in _from_blocks(kinds.APPRAISAL, [view], window)
        ]
        lead = [
            (before.month, "p-software", AppraisalMonth.from_json(data))
            for before in ([pieces.lead] if pieces.lead else [])
            for data in _from_blocks(kinds.APPRAISAL, [view], before)
        ]
        scores = [
            (window.month, "p-software", ScoresMonth.from_json(data))
            for window in pieces.edges
            for data in _from_blocks(kinds.APPRAISAL_SCORES, [view], window)
        ]
        got = _appraisal([*edges, *scores], flt, lead)
        assert got == expected
        assert [r.owned for r in got.reps] == [0 if bounds[0] == at else 1]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", REPORTS)
def test_edges_a_few_minutes_from_what_happened_are_read_from_the_opportunities_listed_there(
    seed, name
) -> None:
    """Edges inside a quarter hour that holds moments of the report, so the parts of quarter
    hours (read from the opportunities listed under them) are not empty."""
    kind, views = REPORTS[name].kind, _views(seed)
    moments = sorted({m for v in views for m in kind.moments_of(v) if not on_quarter_boundary(m)})
    for moment in moments[5 : len(moments) - 5 : max(1, len(moments) // 12)]:
        for bounds in (
            (moment - timedelta(minutes=4), moment + timedelta(days=40, minutes=3)),
            (moment - timedelta(days=33), moment + timedelta(seconds=1)),
            (moment, moment + timedelta(minutes=6)),
        ):
            flt = ReportFilter(*bounds)
            assert _from_pieces(name, seed, flt, from_blocks=True) == REPORTS[name].by_opportunity(
                views, flt
            ), bounds

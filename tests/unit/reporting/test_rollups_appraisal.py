"""The rep appraisal from month rollups equals the per-opportunity report for whole-month periods,
under both credit rules, including reps who were handed an opportunity back."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.policy import AppraisalPolicy, CreditRule
from services.reporting.domain.reports.appraisal import AppraisalReport, rep_appraisal
from services.reporting.domain.rollups import kinds
from services.reporting.domain.rollups.appraisal import (
    appraisal_from_months,
)
from services.reporting.domain.rollups.months import month_of, month_start
from tests.unit.reporting.random_views import (
    CATALOG,
    CONVERSIONS,
    PERIODS,
    SCOPES,
    TODAY,
    views_and_months,
    whole_months_of,
    within,
)

SEEDS = [1, 2, 3]
POLICIES = {
    rule.value: AppraisalPolicy(1, Decimal("100"), Decimal("50"), Decimal("30"), rule, datetime(2026, 1, 1, tzinfo=UTC))
    for rule in CreditRule
}  # fmt: skip


def _views_and_months(seed: int) -> tuple[list, list]:
    return views_and_months(seed, kinds.APPRAISAL)


def _has_figures(report: AppraisalReport) -> bool:
    return (
        any(r.owned > r.won + r.lost for r in report.reps)
        and any(r.score for r in report.reps)
        and any(r.overdue for r in report.reps)
        and any(r.average_cycle_seconds for r in report.reps)
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("conversion", CONVERSIONS)
@pytest.mark.parametrize("rule", POLICIES)
def test_the_months_a_period_reads_give_the_report_of_every_opportunity(
    seed, period, scope, conversion, rule
) -> None:
    views, months = _views_and_months(seed)
    flt = ReportFilter(*PERIODS[period], *SCOPES[scope])
    policy, money = POLICIES[rule], CONVERSIONS[conversion]
    expected = rep_appraisal(views, CATALOG, policy, flt, TODAY, money)
    if scope == "all" and period in ("a quarter", "both open"):  # the comparison is about real figures
        assert _has_figures(expected)
    read = within(months, whole_months_of(flt, from_start=True))
    assert appraisal_from_months(read, CATALOG, policy, flt, TODAY, money) == expected


def test_the_random_histories_hold_every_kind_of_ownership() -> None:
    """Otherwise the exact paths for a rep holding one opportunity twice, and for deals closed as
    they were created (on a month's first instant too), would go untested."""
    views, _ = _views_and_months(1)
    owners = [[period.owner_id for period in view.ownership] for view in views]
    assert any(len(set(chain)) < len(chain) for chain in owners)
    instants = [p.start for v in views for p in v.ownership if p.end == p.start]
    assert any(moment == month_start(month_of(moment)) for moment in instants)
    assert any(moment != month_start(month_of(moment)) for moment in instants)

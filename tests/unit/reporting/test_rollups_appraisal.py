"""The rep appraisal from month rollups equals the per-opportunity report for whole-month periods,
under both credit rules, including reps who were handed an opportunity back."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from services.reporting.domain.difficulty import DifficultyRules, LineRule, SegmentRule, SizeBand
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
RULES = DifficultyRules(
    product_lines=(LineRule("Valves", Decimal("1.5")), LineRule("Sensors", Decimal("1.2"))),
    segments=(SegmentRule("ENTERPRISE", Decimal("1.3")), SegmentRule("SMB", Decimal("0.9"))),
    size_bands=(SizeBand("TWD", Decimal("30000"), None, Decimal("1.2")),
                SizeBand("USD", Decimal("0"), Decimal("1000"), Decimal("0.8"))),
)  # fmt: skip
POLICIES = {
    **{rule.value: AppraisalPolicy(1, Decimal("100"), Decimal("50"), Decimal("30"), rule,
                                   datetime(2026, 1, 1, tzinfo=UTC)) for rule in CreditRule},
    # The rules and the launch window price each win's terms, which rollups keep.
    "rules": AppraisalPolicy(2, Decimal("100"), Decimal("50"), Decimal("30"), CreditRule.SHARED_BY_TIME_OWNED,
                             datetime(2026, 1, 1, tzinfo=UTC), None, RULES, 30),
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
    scores = within(views_and_months(seed, kinds.APPRAISAL_SCORES)[1], whole_months_of(flt))
    assert appraisal_from_months(read, CATALOG, policy, flt, TODAY, money, scores=scores) == expected


def test_the_random_histories_hold_every_kind_of_ownership() -> None:
    """Otherwise the exact paths for a rep holding one opportunity twice, and for deals closed as
    they were created (on a month's first instant too), would go untested."""
    views, _ = _views_and_months(1)
    owners = [[period.owner_id for period in view.ownership] for view in views]
    assert any(len(set(chain)) < len(chain) for chain in owners)
    instants = [p.start for v in views for p in v.ownership if p.end == p.start]
    assert any(moment == month_start(month_of(moment)) for moment in instants)
    assert any(moment != month_start(month_of(moment)) for moment in instants)


def test_the_rules_policy_prices_wins_by_rule_by_manager_and_as_recorded() -> None:
    """Otherwise the rollups' terms would be compared only where every win is priced alike."""
    views, _ = _views_and_months(1)
    appraised = [POLICIES["rules"].appraise(v) for v in views if v.won]
    assert {a.source.value for a in appraised} == {"RULES", "MANAGER", "RECORDED"}
    assert {r.kind for a in appraised for r in a.rules} == {"PRODUCT_LINE", "SEGMENT", "SIZE_BAND"}
    assert any(
        a.new_product_reason is not None and a.new_product_reason.value == "LAUNCH_WINDOW" for a in appraised
    )

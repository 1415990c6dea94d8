"""The appraisal policy's difficulty rules and launch window, applied to a win's facts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from contracts.events.opportunity import ProductLaunch, WinFacts
from services.reporting.domain.difficulty import (
    DifficultyRules,
    DifficultySource,
    LineRule,
    NewProductReason,
    SegmentRule,
    SizeBand,
    WinTerms,
)
from services.reporting.domain.errors import InvalidPolicy
from services.reporting.domain.money import Conversion
from services.reporting.domain.policy import AppraisalPolicy, CreditRule
from services.reporting.domain.view import project
from tests.unit.reporting.builders import T0, History

RULES = DifficultyRules(
    product_lines=(LineRule("Valves", Decimal("1.5")), LineRule("Pumps", Decimal("1.1"))),
    segments=(SegmentRule("ENTERPRISE", Decimal("1.3")),),
    size_bands=(
        SizeBand("TWD", Decimal("0"), Decimal("1000000"), Decimal("1")),
        SizeBand("TWD", Decimal("1000000"), None, Decimal("1.2")),
    ),
)
WIN = WinTerms(
    new_customer=False, new_product_by_history=False, launch_age_days=None, fixed_difficulty=None,
    segment="ENTERPRISE", product_lines=("Pumps", "Valves"), amount=Decimal("1500000"), currency="TWD",
)  # fmt: skip


def _policy(rules: DifficultyRules = RULES, window: int | None = None) -> AppraisalPolicy:
    return AppraisalPolicy(
        1, Decimal("100"), Decimal("50"), Decimal("30"), CreditRule.OWNER_AT_CLOSE, T0, None, rules, window
    )


def test_the_factors_multiply_the_highest_product_line_counting() -> None:
    appraised = _policy().appraise(WIN)
    # 1.5 (Valves, the higher of its lines) × 1.3 (enterprise) × 1.2 (a million or more) = 2.34
    assert appraised.difficulty == Decimal("2.34") and appraised.source is DifficultySource.RULES
    assert [(r.kind, r.key, r.factor) for r in appraised.rules] == [
        ("PRODUCT_LINE", "Valves", Decimal("1.5")),
        ("SEGMENT", "ENTERPRISE", Decimal("1.3")),
        ("SIZE_BAND", "TWD 1000000-", Decimal("1.2")),
    ]
    assert _policy().reward(WIN) == Decimal("234.00")


def test_no_rule_matching_leaves_one_and_a_managers_figure_overrides_the_rules() -> None:
    plain = replace(WIN, segment="SMB", product_lines=("Sensors",), amount=Decimal("10"))
    assert _policy().appraise(plain).difficulty == Decimal("1.00")
    managed = replace(WIN, fixed_difficulty=Decimal("0.8"), fixed_source=DifficultySource.MANAGER)
    appraised = _policy().appraise(managed)
    assert (appraised.difficulty, appraised.source, appraised.rules) == (
        Decimal("0.8"),
        DifficultySource.MANAGER,
        (),
    )


def test_a_deal_in_another_currency_falls_in_a_band_at_the_configured_rate() -> None:
    usd = replace(WIN, segment=None, product_lines=(), amount=Decimal("40000"), currency="USD")
    assert _policy().appraise(usd).difficulty == Decimal("1.00")
    to_twd = Conversion("TWD", {"USD": Decimal("32")})
    assert _policy().appraise(usd, to_twd).difficulty == Decimal("1.20")


def test_the_product_is_kept_within_the_bounds_of_a_difficulty() -> None:
    steep = DifficultyRules(
        product_lines=(LineRule("Valves", Decimal("5")),), segments=(SegmentRule("ENTERPRISE", Decimal("5")),)
    )
    assert _policy(steep).appraise(WIN).difficulty == Decimal("5.0")


def test_the_launch_window_makes_a_recent_product_new() -> None:
    recent = replace(WIN, launch_age_days=20)
    assert _policy().appraise(recent).new_product is False
    assert _policy(window=30).appraise(recent).new_product_reason is NewProductReason.LAUNCH_WINDOW
    assert _policy(window=19).appraise(recent).new_product is False
    first = replace(WIN, new_product_by_history=True)
    assert _policy().appraise(first).new_product_reason is NewProductReason.FIRST_WIN


LINES = "product_lines"
SEGMENTS = "segments"
BANDS = "size_bands"


@pytest.mark.parametrize(
    ("part", "rules", "code", "field"),
    [
        (LINES, [LineRule("Valves", Decimal("-1"))], "INVALID_POLICY", "productLines.0.factor"),
        (LINES, [LineRule("Valves", Decimal("1.234"))], "INVALID_POLICY", "productLines.0.factor"),
        (SEGMENTS, [SegmentRule("ENTERPRISE", Decimal("0"))], "INVALID_POLICY", "segments.0.factor"),
        (SEGMENTS, [SegmentRule("mid market", Decimal("1.1"))], "INVALID_POLICY", "segments.0.segment"),
        (LINES, [LineRule("Valves", Decimal("1.1")), LineRule("Valves", Decimal("1.2"))], "INVALID_POLICY",
         "productLines"),
        (BANDS, [SizeBand("TWD", Decimal("0"), Decimal("100"), Decimal("1")),
                 SizeBand("TWD", Decimal("50"), None, Decimal("1.2"))], "OVERLAPPING_SIZE_BANDS", "sizeBands"),
        (BANDS, [SizeBand("TWD", Decimal("0"), None, Decimal("1")),
                 SizeBand("TWD", Decimal("50"), None, Decimal("1.2"))], "OVERLAPPING_SIZE_BANDS", "sizeBands"),
        (BANDS, [SizeBand("TWD", Decimal("100"), Decimal("100"), Decimal("1"))], "INVALID_POLICY",
         "sizeBands.0.maxAmount"),
        (BANDS, [SizeBand("twd", Decimal("0"), None, Decimal("1"))], "INVALID_POLICY", "sizeBands.0.currency"),
        (BANDS, [SizeBand("TWD", Decimal("-5"), None, Decimal("1"))], "INVALID_POLICY", "sizeBands.0.minAmount"),
    ],
)  # fmt: skip
def test_bad_rules_are_refused_with_a_code_and_the_field(
    part: str, rules: list, code: str, field: str
) -> None:
    with pytest.raises(InvalidPolicy) as refused:
        DifficultyRules(**{part: tuple(rules)})
    assert (refused.value.code, (refused.value.details or {}).get("field")) == (code, field)


def test_bands_of_different_currencies_and_touching_bands_may_coexist() -> None:
    DifficultyRules(size_bands=(
        SizeBand("TWD", Decimal("0"), Decimal("100"), Decimal("1")),
        SizeBand("TWD", Decimal("100"), None, Decimal("1.2")),
        SizeBand("USD", Decimal("50"), None, Decimal("1.1")),
    ))  # fmt: skip


def test_a_launch_window_out_of_range_is_refused() -> None:
    with pytest.raises(InvalidPolicy) as refused:
        _policy(window=-1)
    assert refused.value.details == {"field": "launchWindowDays"}


def test_a_win_with_facts_gives_the_terms_the_rules_read() -> None:
    launches = [
        ProductLaunch(product_id="old", launch_date=date(2025, 1, 1)),
        ProductLaunch(product_id="new", launch_date=date(2026, 2, 20)),
        ProductLaunch(product_id="later", launch_date=date(2026, 12, 1)),
        ProductLaunch(product_id="undated"),
    ]
    facts = WinFacts(new_customer=True, new_product_ids=[], product_launches=launches, account_segment="SMB")
    view = project(History(is_new_customer=True).win(5, facts).facts)  # won on 2026-03-06
    assert (view.win_facts, view.account_segment, view.launch_age_days) == (True, "SMB", 14)
    appraised = _policy(window=14).appraise(view)
    assert appraised.source is DifficultySource.RULES and appraised.new_customer
    assert appraised.new_product_reason is NewProductReason.LAUNCH_WINDOW


def test_a_win_without_facts_keeps_what_it_recorded_and_a_managers_figure_stands() -> None:
    recorded = _policy().appraise(project(History(difficulty=Decimal("2"), is_new_product=True).win(5).facts))
    assert (recorded.difficulty, recorded.source, recorded.new_product_reason) == (
        Decimal("2"),
        DifficultySource.RECORDED,
        NewProductReason.RECORDED,
    )
    facts = WinFacts(new_customer=False, account_segment="ENTERPRISE")
    managed = History(difficulty=Decimal("1.0"), difficulty_by_manager=True).win(5, facts)
    appraised = _policy().appraise(project(managed.facts))
    assert (appraised.difficulty, appraised.source) == (Decimal("1.0"), DifficultySource.MANAGER)
    by_rules = _policy().appraise(project(History().win(5, facts).facts))
    assert (by_rules.difficulty, by_rules.source) == (Decimal("1.30"), DifficultySource.RULES)

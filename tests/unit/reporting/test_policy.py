"""The appraisal policy: rewards scaled by difficulty, bonuses, and credit after a handover."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from services.reporting.domain.errors import InvalidPolicy
from services.reporting.domain.policy import AppraisalPolicy, CreditRule
from services.reporting.domain.view import project
from tests.unit.reporting.builders import T0, History


def _policy(rule: CreditRule = CreditRule.OWNER_AT_CLOSE) -> AppraisalPolicy:
    return AppraisalPolicy(1, Decimal("100"), Decimal("50"), Decimal("30"), rule, T0)


def test_a_hard_win_earns_more_than_an_easy_one() -> None:
    hard = project(History(difficulty=Decimal("2")).win(5).facts)
    easy = project(History(difficulty=Decimal("0.8")).win(5).facts)
    assert _policy().reward(hard) == Decimal("200")
    assert _policy().reward(easy) == Decimal("80.0")


def test_new_customer_and_new_product_each_add_their_bonus() -> None:
    won = project(History(is_new_customer=True, is_new_product=True).win(5).facts)
    assert _policy().reward(won) == Decimal("180")


def test_the_owner_at_close_takes_all_the_credit_by_default() -> None:
    won = project(History().assign(1, "u-2", T0 + timedelta(days=3)).win(3).facts)
    assert _policy().credit_shares(won) == {"u-2": Decimal(1)}


def test_shared_credit_follows_time_owned() -> None:
    won = project(History().assign(1, "u-2", T0 + timedelta(days=3)).win(3).facts)
    shares = _policy(CreditRule.SHARED_BY_TIME_OWNED).credit_shares(won)
    assert shares == {"u-1": Decimal(3) / Decimal(4), "u-2": Decimal(1) / Decimal(4)}


def test_a_negative_reward_is_refused() -> None:
    with pytest.raises(InvalidPolicy) as error:
        AppraisalPolicy(1, Decimal("-1"), Decimal(0), Decimal(0), CreditRule.OWNER_AT_CLOSE, T0)
    assert error.value.code == "INVALID_POLICY"

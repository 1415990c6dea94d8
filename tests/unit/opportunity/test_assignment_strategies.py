from decimal import Decimal

import pytest

from services.opportunity.domain.assignment import (
    Assignee,
    AssignmentError,
    BatchItem,
    DistributionStrategy,
    RepLoad,
    distribute,
    require_assignable,
    require_batch_size,
    summarise,
    unique_in_order,
)


def items(n: int, amount: str = "0") -> list[BatchItem]:
    return [BatchItem(f"o{i}", Decimal(amount)) for i in range(n)]


def test_round_robin_deals_one_each_in_the_order_reps_are_named():
    result = distribute(items(5), [RepLoad("a"), RepLoad("b")], DistributionStrategy.ROUND_ROBIN)
    assert result == {"o0": "a", "o1": "b", "o2": "a", "o3": "b", "o4": "a"}


def test_fewest_open_first_tops_up_the_emptiest_desk_before_the_others():
    reps = [RepLoad("busy", open_count=5), RepLoad("idle", open_count=1)]
    result = distribute(items(6), reps, DistributionStrategy.FEWEST_OPEN)
    got = summarise(result)
    # idle gets four to catch up to five, then they alternate: 4+1 vs 1
    assert len(got["idle"]) == 5
    assert len(got["busy"]) == 1


def test_fewest_open_weighted_by_amount_balances_open_value_not_count():
    reps = [RepLoad("rich", open_count=1, open_amount=Decimal(1000)), RepLoad("poor", open_count=9)]
    batch = [BatchItem("big", Decimal(900)), BatchItem("small", Decimal(50))]
    result = distribute(batch, reps, DistributionStrategy.FEWEST_OPEN, weight_by_amount=True)
    assert result == {"big": "poor", "small": "poor"}


def test_distribution_is_deterministic_so_a_retry_decides_the_same_way():
    reps = [RepLoad("a", 2), RepLoad("b", 2), RepLoad("c", 2)]
    first = distribute(items(10), reps, DistributionStrategy.FEWEST_OPEN)
    assert first == distribute(items(10), reps, DistributionStrategy.FEWEST_OPEN)
    assert list(first) == [f"o{i}" for i in range(10)]


def test_distributing_to_nobody_is_refused():
    with pytest.raises(AssignmentError) as err:
        distribute(items(1), [], DistributionStrategy.ROUND_ROBIN)
    assert err.value.code == "NO_ASSIGNEES"


def test_a_rep_named_twice_is_refused():
    with pytest.raises(AssignmentError) as err:
        distribute(items(1), [RepLoad("a"), RepLoad("a")], DistributionStrategy.ROUND_ROBIN)
    assert err.value.code == "DUPLICATE_ASSIGNEE"


def test_inactive_users_never_receive_opportunities():
    with pytest.raises(AssignmentError) as err:
        require_assignable(Assignee("u1", active=False), "u1")
    assert err.value.code == "REP_INACTIVE"


def test_unknown_users_are_reported_by_id():
    with pytest.raises(AssignmentError) as err:
        require_assignable(None, "ghost")
    assert err.value.code == "REP_NOT_FOUND"
    assert err.value.details == {"userId": "ghost"}


@pytest.mark.parametrize(("count", "code"), [(0, "EMPTY_BATCH"), (10_001, "BATCH_TOO_LARGE")])
def test_batches_must_hold_between_one_and_ten_thousand(count, code):
    with pytest.raises(AssignmentError) as err:
        require_batch_size(count)
    assert err.value.code == code
    require_batch_size(10_000)


def test_an_id_named_twice_is_assigned_once():
    assert unique_in_order(["b", "a", "b", "c", "a"]) == ["b", "a", "c"]


def test_assignment_errors_carry_a_stable_code_for_the_api():
    error = AssignmentError("REP_INACTIVE", "inactive")
    assert (error.code, error.message) == ("REP_INACTIVE", "inactive")

from datetime import UTC, datetime

import pytest

from servicekit.identity import Identity
from servicekit.mongo import Document
from services.opportunity.application.assign import (
    AssignOpportunities,
    DistributeOpportunities,
    Target,
    assign_opportunities,
    distribute_opportunities,
)
from services.opportunity.domain.assignment import AssignmentError, AssignmentReason, DistributionStrategy
from services.opportunity.domain.errors import Forbidden
from tests.integration.opportunity._assignment_world import ADMIN, make_world


def clock() -> datetime:
    return datetime.now(UTC)


@pytest.fixture
async def world(mongo_client, names):
    w = await make_world(mongo_client, names.db("opportunity"))
    for rep in ("rep-a", "rep-b", "rep-c"):
        await w.add_user(rep)
    await w.add_user("gone", active=False)
    return w


async def assign(world, ids, to, **kw):
    identity = kw.pop("identity", ADMIN)
    cmd = AssignOpportunities([Target(i, kw.pop("version", None)) for i in ids], to, **kw)
    return await assign_opportunities(cmd, identity, users=world.users, store=world.store, clock=clock)


async def test_assigning_records_history_changes_owner_and_publishes_one_event_each(world):
    ids = await world.add_opportunities(3)
    result = await assign(world, ids, "rep-b", note="after the trade show")
    assert result.failures == []
    assert result.by_rep == {"rep-b": ids}
    loaded = await world.store.load(ids)
    assert {o.owner_id for o in loaded.values()} == {"rep-b"}
    assert {o.version for o in loaded.values()} == {2}
    [entry] = await world.store.history(ids[0])
    assert (entry.from_owner_id, entry.to_owner_id, entry.reason) == ("rep-a", "rep-b", AssignmentReason.BULK)
    events = await world.events()
    assert sorted(e["subject"] for e in events) == sorted(ids)
    assert all(e["envelope"]["data"]["to_owner_id"] == "rep-b" for e in events)
    assert all(e["sequence"] == 2 for e in events)


async def test_partial_failures_are_reported_per_id_and_the_rest_succeed(world):
    ids = await world.add_opportunities(3)
    await world.db["opportunities"].update_one({"_id": ids[2]}, {"$set": {"status": "WON"}})
    result = await assign(world, [ids[0], ids[1], ids[2], "missing"], "rep-b", version=1)
    assert [a[0] for a in result.assigned] == ids[:2]
    assert {f[0]: f[1] for f in result.failures} == {ids[2]: "OPPORTUNITY_CLOSED", "missing": "NOT_FOUND"}
    stale = await assign(world, [ids[0]], "rep-c", version=1)
    assert stale.failures[0][1] == "CONFLICT"
    assert len(await world.events()) == 2


async def test_inactive_users_never_receive_opportunities(world):
    ids = await world.add_opportunities(1)
    with pytest.raises(AssignmentError) as err:
        await assign(world, ids, "gone")
    assert err.value.code == "REP_INACTIVE"
    with pytest.raises(AssignmentError) as err:
        await assign(world, ids, "nobody")
    assert err.value.code == "REP_NOT_FOUND"
    assert (await world.store.load(ids))[ids[0]].owner_id == "rep-a"
    assert await world.events() == []


async def test_an_empty_batch_is_refused(world):
    with pytest.raises(AssignmentError) as err:
        await assign(world, [], "rep-b")
    assert err.value.code == "EMPTY_BATCH"


async def test_a_rep_may_not_hand_work_to_someone_else(world):
    ids = await world.add_opportunities(1)
    with pytest.raises(Forbidden):
        await assign(world, ids, "rep-b", identity=Identity(user_id="rep-a", role="REP", team="north"))


@pytest.fixture
def small_chunks(monkeypatch):
    # Several chunks without thousands of rows: the behaviour is the same, the test is fast.
    monkeypatch.setattr("services.opportunity.application.assign.CHUNK", 5)


async def test_a_retried_request_with_the_same_key_does_not_assign_twice(world, small_chunks):
    ids = await world.add_opportunities(12)
    first = await assign(world, ids, "rep-b", idempotency_key="req-1")
    again = await assign(world, ids, "rep-b", idempotency_key="req-1")
    assert again.assigned == first.assigned
    assert len(await world.db["assignment_history"].find({}).to_list(None)) == 12
    assert len(await world.events()) == 12
    with pytest.raises(AssignmentError) as err:
        await assign(world, ids[:5], "rep-c", idempotency_key="req-1")
    assert err.value.code == "IDEMPOTENCY_KEY_REUSED"


async def test_a_crash_between_chunks_leaves_each_opportunity_assigned_or_untouched_and_a_retry_finishes(
    world, small_chunks
):
    ids = await world.add_opportunities(11)
    real_commit = world.store.commit
    calls = 0

    async def crash_on_second_chunk(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == 2:
            raise ConnectionError("process died")
        return await real_commit(*args, **kwargs)

    world.store.commit = crash_on_second_chunk
    with pytest.raises(ConnectionError):
        await assign(world, ids, "rep-b", idempotency_key="req-crash")
    world.store.commit = real_commit
    owners = {o.id: o.owner_id for o in (await world.store.load(ids)).values()}
    assigned_ids = {i for i, owner in owners.items() if owner == "rep-b"}
    history: list[Document] = await world.db["assignment_history"].find({}).to_list(None)
    assert len(assigned_ids) == 5
    assert (
        assigned_ids == {h["opportunity_id"] for h in history} == {e["subject"] for e in await world.events()}
    )
    result = await assign(world, ids, "rep-b", idempotency_key="req-crash")
    assert len(result.assigned) == 11
    assert len(await world.events()) == 11


async def test_round_robin_distribution_says_who_got_what(world):
    ids = await world.add_opportunities(6)
    cmd = DistributeOpportunities(
        [Target(i) for i in ids], ["rep-b", "rep-c"], DistributionStrategy.ROUND_ROBIN
    )
    result = await distribute_opportunities(cmd, ADMIN, users=world.users, store=world.store, clock=clock)
    assert result.by_rep == {"rep-b": ids[0::2], "rep-c": ids[1::2]}
    [entry] = await world.store.history(ids[0])
    assert entry.reason is AssignmentReason.DISTRIBUTION


async def test_fewest_open_first_gives_the_new_work_to_the_emptiest_desk(world):
    await world.add_opportunities(4, owner="rep-b")
    ids = await world.add_opportunities(4, owner="rep-a")
    cmd = DistributeOpportunities(
        [Target(i) for i in ids], ["rep-b", "rep-c"], DistributionStrategy.FEWEST_OPEN
    )
    result = await distribute_opportunities(cmd, ADMIN, users=world.users, store=world.store, clock=clock)
    assert result.by_rep == {"rep-c": ids}


async def test_distributing_to_an_inactive_rep_is_refused_and_changes_nothing(world):
    ids = await world.add_opportunities(2)
    cmd = DistributeOpportunities(
        [Target(i) for i in ids], ["rep-b", "gone"], DistributionStrategy.ROUND_ROBIN
    )
    with pytest.raises(AssignmentError):
        await distribute_opportunities(cmd, ADMIN, users=world.users, store=world.store, clock=clock)
    assert await world.events() == []


async def test_an_opportunity_of_another_pipeline_fails_when_the_request_names_a_pipeline(world):
    ids = await world.add_opportunities(2)
    await world.db["opportunities"].update_one({"_id": ids[1]}, {"$set": {"pipeline_id": "other"}})
    pipeline_id = (await world.store.load(ids[:1]))[ids[0]].pipeline_id
    result = await assign(world, ids, "rep-b", pipeline_id=pipeline_id)
    assert [a[0] for a in result.assigned] == ids[:1]
    assert result.failures[0][:2] == (ids[1], "WRONG_PIPELINE")


async def test_assigning_to_the_current_owner_changes_nothing_and_publishes_nothing(world):
    ids = await world.add_opportunities(1)
    result = await assign(world, ids, "rep-a", version=1)
    assert result.assigned == [(ids[0], "rep-a", 1, False)]
    assert await world.events() == []
    assert await world.store.history(ids[0]) == []

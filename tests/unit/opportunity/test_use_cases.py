"""Use cases against in-memory ports: who may do what, one event per real change, none otherwise."""

from __future__ import annotations

from datetime import date

import pytest

from servicekit.identity import Identity
from servicekit.logs import correlation_id
from services.opportunity.application.create_opportunity import CreateOpportunity, create_opportunity
from services.opportunity.application.edit_opportunity import (
    ChangeCloseDate,
    SetProbability,
    UpdateOpportunity,
    change_expected_close_date,
    set_probability_override,
    update_opportunity,
)
from services.opportunity.application.move_stage import MoveStage, move_opportunity_stage
from services.opportunity.application.seed import seed_default_pipeline
from services.opportunity.application.users import CreateUser, create_user, reactivate_user
from services.opportunity.domain.errors import Conflict, Forbidden, NotFound
from services.opportunity.domain.user import Role, deactivate

from ._memory_ports import World, memory_ports

ADMIN = Identity("admin", "ADMIN")
REP_NORTH = Identity("rep-n", "REP", team="north")
REP_SOUTH = Identity("rep-s", "REP", team="south")
MANAGER_NORTH = Identity("mgr-n", "MANAGER", team="north")


@pytest.fixture
async def world() -> World:
    w = memory_ports()
    await seed_default_pipeline(w.ports)
    for who in (REP_NORTH, REP_SOUTH, MANAGER_NORTH):
        await create_user(
            CreateUser(name=who.user_id, email=f"{who.user_id}@example.com", role=Role(who.role), team=who.team,
                       id=who.user_id), ADMIN, w.ports,
        )  # fmt: skip
    w.outbox.clear()
    return w


def _new(**extra: object) -> CreateOpportunity:
    fields: dict[str, object] = {"title": "ERP", "customer_name": "Acme", "amount": "10.00", "currency": "TWD",
                                 "expected_close_date": date(2027, 1, 31), **extra}  # fmt: skip
    return CreateOpportunity(**fields)  # type: ignore[arg-type]


async def test_seeding_twice_publishes_the_default_pipeline_once() -> None:
    w = memory_ports()
    await seed_default_pipeline(w.ports)
    await seed_default_pipeline(w.ports)
    assert [e.type for e in w.outbox] == ["pipeline.created"]


async def test_a_created_opportunity_publishes_one_event_with_the_callers_correlation_id(
    world: World,
) -> None:
    token = correlation_id.set("corr-1")
    try:
        opp = await create_opportunity(_new(), REP_NORTH, world.ports)
    finally:
        correlation_id.reset(token)
    [event] = world.outbox
    assert (event.type, event.subject, event.sequence, event.correlationid) == (
        "opportunity.created",
        opp.id,
        1,
        "corr-1",
    )
    assert opp.team == "north" and opp.owner_id == "rep-n"


async def test_a_rep_cannot_give_an_opportunity_to_someone_else(world: World) -> None:
    with pytest.raises(Forbidden):
        await create_opportunity(_new(owner_id="rep-s"), REP_NORTH, world.ports)
    assert world.outbox == []


async def test_a_manager_assigns_within_the_team_and_moves_the_teams_opportunities(world: World) -> None:
    opp = await create_opportunity(_new(owner_id="rep-n"), MANAGER_NORTH, world.ports)
    moved = await move_opportunity_stage(MoveStage(opp.id, 1, "validate"), MANAGER_NORTH, world.ports)
    assert moved.version == 2
    with pytest.raises(Forbidden):
        await create_opportunity(_new(owner_id="rep-s"), MANAGER_NORTH, world.ports)


async def test_another_teams_rep_does_not_even_see_it(world: World) -> None:
    opp = await create_opportunity(_new(), REP_NORTH, world.ports)
    with pytest.raises(NotFound):
        await move_opportunity_stage(MoveStage(opp.id, 1, "validate"), REP_SOUTH, world.ports)


async def test_a_stale_version_conflicts_and_publishes_nothing(world: World) -> None:
    opp = await create_opportunity(_new(), REP_NORTH, world.ports)
    await move_opportunity_stage(MoveStage(opp.id, 1, "validate"), REP_NORTH, world.ports)
    with pytest.raises(Conflict):
        await move_opportunity_stage(MoveStage(opp.id, 1, "proposal"), REP_NORTH, world.ports)
    assert [e.type for e in world.outbox] == ["opportunity.created", "opportunity.stage_changed"]


async def test_changes_to_nothing_write_nothing_and_publish_nothing(world: World) -> None:
    opp = await create_opportunity(_new(), REP_NORTH, world.ports)
    world.outbox.clear()
    same = await update_opportunity(
        UpdateOpportunity(opp.id, 1, title=" ERP ", amount="10"), REP_NORTH, world.ports
    )
    same = await change_expected_close_date(
        ChangeCloseDate(opp.id, 1, date(2027, 1, 31)), REP_NORTH, world.ports
    )
    same = await set_probability_override(SetProbability(opp.id, 1, None), REP_NORTH, world.ports)
    assert same.version == 1 and world.outbox == []


async def test_each_real_change_is_one_event_with_the_next_sequence(world: World) -> None:
    opp = await create_opportunity(_new(), REP_NORTH, world.ports)
    await update_opportunity(UpdateOpportunity(opp.id, 1, title="ERP 2"), REP_NORTH, world.ports)
    await change_expected_close_date(ChangeCloseDate(opp.id, 2, date(2027, 3, 1)), REP_NORTH, world.ports)
    await set_probability_override(SetProbability(opp.id, 3, 80), REP_NORTH, world.ports)
    await move_opportunity_stage(
        MoveStage(opp.id, 4, "lost", lost_reason_key="no_budget"), REP_NORTH, world.ports
    )
    await move_opportunity_stage(MoveStage(opp.id, 5, "proposal", reopen=True), REP_NORTH, world.ports)
    assert [(e.type, e.sequence) for e in world.outbox] == [
        ("opportunity.created", 1), ("opportunity.updated", 2), ("opportunity.close_date_changed", 3),
        ("opportunity.updated", 4), ("opportunity.lost", 5), ("opportunity.reopened", 6),
    ]  # fmt: skip
    lost = world.outbox[4].data
    assert (
        (lost["reason"], lost["reason_key"], lost["reason_text"]) == ("No budget", "no_budget", None)
        and lost["probability"] == 0
        and lost["to_stage"]["name_zh"] == "客戶流失"
    )


async def test_an_admin_reactivates_a_deactivated_user_who_is_told_of_on_the_bus(world: World) -> None:
    user = await world.ports.users.get(REP_SOUTH.user_id)
    assert user is not None
    gone = deactivate(user, user.updated_at)  # as a hand-over leaves them
    await world.ports.users.save(gone, user.version, [])
    with pytest.raises(Forbidden):
        await reactivate_user(gone.id, gone.version, MANAGER_NORTH, world.ports)
    with pytest.raises(Conflict):
        await reactivate_user(gone.id, gone.version - 1, ADMIN, world.ports)
    assert world.outbox == []
    back = await reactivate_user(gone.id, gone.version, ADMIN, world.ports)
    assert (back.active, back.version) == (True, gone.version + 1)
    [event] = world.outbox
    assert event.type == "user.updated"
    assert event.data["user"]["active"] is True
    # Reactivating an active user changes nothing.
    assert await reactivate_user(back.id, back.version, ADMIN, world.ports) == back
    assert len(world.outbox) == 1

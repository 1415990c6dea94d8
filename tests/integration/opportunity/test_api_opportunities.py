"""Opportunities through the GraphQL API: create, move, probability, histories, events."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.integration.opportunity._graphql import (
    ADMIN,
    MANAGER_NORTH,
    REP_1,
    Api,
    GraphQLFailure,
    running_api,
)

SET_PROBABILITY = """mutation($input: SetProbabilityOverrideInput!) {
  setProbabilityOverride(input: $input) { version probability { effective stageDefault overridden } } }"""
REOPEN = """mutation($input: ReopenOpportunityInput!) {
  reopenOpportunity(input: $input) { version status closedAt stage { key } probability { effective } } }"""
CLOSE_DATE = """mutation($input: ChangeExpectedCloseDateInput!) {
  changeExpectedCloseDate(input: $input) { version expectedCloseDate closeDateHistory { old new by } } }"""
UPDATE = """mutation($input: UpdateOpportunityInput!) {
  updateOpportunity(input: $input) { version title value { amount currency } difficulty } }"""


@pytest.fixture(scope="module")
async def api(mongodb_url: str) -> AsyncIterator[Api]:
    async with running_api(mongodb_url) as api:
        yield api


async def test_created_opportunity_starts_in_the_first_stage_with_one_created_event(api: Api) -> None:
    opp = await api.create(title="  Cloud   migration ", products=["ERP"])
    assert opp["title"] == "Cloud migration" and opp["version"] == 1
    assert opp["stage"] == {"key": "discover", "nameEn": "Discover", "nameZh": "發現機會", "kind": "OPEN"}
    assert opp["probability"] == {"effective": 10, "stageDefault": 10, "overridden": False}
    assert opp["value"] == {"amount": "125000.00", "currency": "TWD"} and opp["difficulty"] == "1.0"
    assert opp["team"] == "north" and opp["ownerId"] == "rep-1"
    [row] = await api.outbox(opp["id"])
    assert row["type"] == "opportunity.created" and row["sequence"] == 1
    data = row["envelope"]["data"]["opportunity"]
    assert data["value"] == {"amount": "125000.00", "currency": "TWD"} and data["owner_id"] == "rep-1"
    assert row["envelope"]["source"] == "/opportunity" and row["envelope"]["subject"] == opp["id"]


async def test_moving_to_proposal_sets_probability_to_75_and_publishes_stage_changed(api: Api) -> None:
    opp = await api.create()
    moved = await api.move(opp, "proposal", note="quote sent")
    assert moved["probability"]["effective"] == 75 and moved["version"] == 2
    visits = moved["stageHistory"]
    assert [v["stage"]["key"] for v in visits] == ["discover", "proposal"]
    assert (
        visits[0]["leftAt"] is not None and visits[1]["leftAt"] is None and visits[1]["note"] == "quote sent"
    )
    rows = await api.outbox(opp["id"])
    assert [r["type"] for r in rows] == ["opportunity.created", "opportunity.stage_changed"]
    data = rows[1]["envelope"]["data"]
    assert data["from_stage"]["key"] == "discover" and data["to_stage"]["key"] == "proposal"
    assert data["probability"] == 75 and data["seconds_in_previous_stage"] >= 0


async def test_moving_to_won_sets_probability_to_100_over_an_override(api: Api) -> None:
    opp = await api.create()
    overridden = (
        await api.call(
            SET_PROBABILITY, {"input": {"id": opp["id"], "expectedVersion": 1, "probability": 35}}, as_=REP_1
        )
    )["setProbabilityOverride"]
    assert overridden["probability"] == {"effective": 35, "stageDefault": 10, "overridden": True}
    won = await api.move({**opp, "version": overridden["version"]}, "won")
    assert won["status"] == "WON" and won["probability"]["effective"] == 100 and won["closedAt"]
    types = [r["type"] for r in await api.outbox(opp["id"])]
    assert types == ["opportunity.created", "opportunity.updated", "opportunity.won"]


async def test_clearing_the_override_returns_to_the_stage_default(api: Api) -> None:
    opp = await api.create()
    ids = {"id": opp["id"]}
    await api.call(SET_PROBABILITY, {"input": {**ids, "expectedVersion": 1, "probability": 55}}, as_=REP_1)
    cleared = (
        await api.call(
            SET_PROBABILITY, {"input": {**ids, "expectedVersion": 2, "probability": None}}, as_=REP_1
        )
    )["setProbabilityOverride"]
    assert cleared["probability"] == {"effective": 10, "stageDefault": 10, "overridden": False}


async def test_lost_then_reopened_opportunity_is_open_again_with_the_stage_probability(api: Api) -> None:
    opp = await api.create()
    lost = await api.move(opp, "lost", lostReasonKey="price", lostReason="price too high")
    assert (
        lost["status"] == "LOST"
        and lost["probability"]["effective"] == 0
        and lost["lostReason"] == "price too high"
        and lost["lostReasonKey"] == "price"
    )
    reopened = (
        await api.call(
            REOPEN, {"input": {"id": opp["id"], "expectedVersion": 2, "stageKey": "negotiation"}}, as_=REP_1
        )
    )["reopenOpportunity"]
    assert reopened == {"version": 3, "status": "OPEN", "closedAt": None, "stage": {"key": "negotiation"},
                        "probability": {"effective": 90}}  # fmt: skip
    rows = await api.outbox(opp["id"])
    assert [r["type"] for r in rows][-2:] == ["opportunity.lost", "opportunity.reopened"]
    assert rows[1]["envelope"]["data"]["reason"] == "price too high"


async def test_close_date_slips_are_kept_and_published(api: Api) -> None:
    opp = await api.create(expectedCloseDate="2027-01-15")
    changed = (
        await api.call(
            CLOSE_DATE,
            {"input": {"id": opp["id"], "expectedVersion": 1, "expectedCloseDate": "2027-02-15"}},
            as_=REP_1,
        )
    )["changeExpectedCloseDate"]
    assert changed["closeDateHistory"] == [
        {"old": None, "new": "2027-01-15", "by": "rep-1"},
        {"old": "2027-01-15", "new": "2027-02-15", "by": "rep-1"},
    ]
    [_, row] = await api.outbox(opp["id"])
    assert row["type"] == "opportunity.close_date_changed"
    assert (row["envelope"]["data"]["old"], row["envelope"]["data"]["new"]) == ("2027-01-15", "2027-02-15")


async def test_a_past_close_date_makes_an_open_opportunity_overdue(api: Api) -> None:
    opp = await api.create(expectedCloseDate="2020-01-31")
    assert opp["overdue"] is True
    won = await api.move(opp, "won")
    assert won["overdue"] is False


async def test_updating_fields_publishes_the_changes_before_and_after(api: Api) -> None:
    opp = await api.create()
    update = {"id": opp["id"], "expectedVersion": 1, "amount": "99.50", "currency": "usd", "difficulty": "2.5",
              "difficultyReason": "A rival bid at cost"}  # fmt: skip
    updated = (await api.call(UPDATE, {"input": update}, as_=MANAGER_NORTH))["updateOpportunity"]
    assert updated == {
        "version": 2,
        "title": "ERP upgrade",
        "value": {"amount": "99.50", "currency": "USD"},
        "difficulty": "2.5",
    }
    [_, row] = await api.outbox(opp["id"])
    changes = {c["field"]: (c["before"], c["after"], c["reason"]) for c in row["envelope"]["data"]["changes"]}
    assert changes == {
        "value": ({"amount": "125000.00", "currency": "TWD"}, {"amount": "99.50", "currency": "USD"}, None),
        "difficulty": ("1.0", "2.5", "A rival bid at cost"),
    }
    history = await api.call(
        "query($id: ID!) { opportunity(id: $id) { difficultyHistory { before after by reason } } }",
        {"id": opp["id"]},
    )
    assert history["opportunity"]["difficultyHistory"] == [
        {"before": "1.0", "after": "2.5", "by": MANAGER_NORTH.user_id, "reason": "A rival bid at cost"}
    ]


async def test_a_stale_version_is_a_conflict_and_changes_nothing(api: Api) -> None:
    opp = await api.create()
    await api.move(opp, "validate")
    with pytest.raises(AssertionError) as caught:
        await api.move(opp, "proposal")  # still version 1
    assert getattr(caught.value, "code", None) == "CONFLICT"
    assert (await api.get(opp["id"]))["stage"]["key"] == "validate"
    assert len(await api.outbox(opp["id"])) == 2


async def test_admin_sees_any_opportunity(api: Api) -> None:
    opp = await api.create()
    assert (await api.get(opp["id"], as_=ADMIN))["id"] == opp["id"]


async def test_an_opportunity_shows_its_pipeline_and_rotting_follows_the_stage_threshold(api: Api) -> None:
    opp = await api.create()
    data = await api.call(
        "query($id: ID!) { opportunity(id: $id) { rotting pipeline { id isDefault } } }", {"id": opp["id"]}
    )
    assert data["opportunity"] == {"rotting": False, "pipeline": {"id": "default", "isDefault": True}}


async def test_every_move_is_recorded_with_from_to_when_who_and_note(api: Api) -> None:
    opp = await api.move(await api.create(), "validate", note="budget confirmed")
    opp = await api.move(opp, "discover", note="champion left")
    data = await api.call(
        "query($id: ID!) { opportunity(id: $id) { owner { id name team } stageMoves { from { key } to { key } by note at } } }",
        {"id": opp["id"]},
    )
    moves = data["opportunity"]["stageMoves"]
    assert [(m["from"] and m["from"]["key"], m["to"]["key"], m["by"], m["note"]) for m in moves] == [
        (None, "discover", "rep-1", None),
        ("discover", "validate", "rep-1", "budget confirmed"),
        ("validate", "discover", "rep-1", "champion left"),
    ]
    assert moves[0]["at"] <= moves[1]["at"] <= moves[2]["at"]
    assert data["opportunity"]["owner"] == {"id": "rep-1", "name": "Rep One", "team": "north"}


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"isNewCustomer": True}, "DERIVED_FACT", "isNewCustomer"),
        ({"isNewProduct": False}, "DERIVED_FACT", "isNewProduct"),
        ({"difficulty": "3.0"}, "DIFFICULTY_FORBIDDEN", "difficulty"),
    ],
)
async def test_a_rep_cannot_claim_facts_or_set_difficulty(
    api: Api, fields: dict[str, Any], code: str, field: str
) -> None:
    with pytest.raises(GraphQLFailure) as on_create:
        await api.create(**fields)
    assert on_create.value.code == code and on_create.value.details["field"] == field
    opp = await api.create()
    with pytest.raises(GraphQLFailure) as on_update:
        await api.call(UPDATE, {"input": {"id": opp["id"], "expectedVersion": 1, **fields}}, as_=REP_1)
    assert on_update.value.code == code
    assert (await api.get(opp["id"]))["version"] == 1 and len(await api.outbox(opp["id"])) == 1


async def test_a_manager_changes_difficulty_only_with_a_reason(api: Api) -> None:
    opp = await api.create()
    with pytest.raises(GraphQLFailure) as refused:
        await api.call(
            UPDATE, {"input": {"id": opp["id"], "expectedVersion": 1, "difficulty": "2.0"}}, as_=MANAGER_NORTH
        )
    assert refused.value.code == "BAD_USER_INPUT" and refused.value.details["field"] == "difficultyReason"
    assert (await api.get(opp["id"]))["difficulty"] == "1.0"

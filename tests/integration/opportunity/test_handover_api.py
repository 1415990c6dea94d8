"""Handover and the timeline through the GraphQL API: a rep leaves, a successor takes over and
sees everything done so far."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from servicekit.identity import Identity
from tests.integration.opportunity._graphql import (
    ADMIN,
    MANAGER_NORTH,
    REP_1,
    REP_2,
    Api,
    GraphQLFailure,
    running_api,
)

CREATE_USER = "mutation($input: CreateUserInput!) { createUser(input: $input) { id version } }"
HAND_OVER = """mutation($input: HandOverOpportunitiesInput!) { handOverOpportunities(input: $input) {
  deactivated assignment { assignedCount failedCount byRep { userId count opportunityIds } failures { opportunityId code } } } }"""
ASSIGN_MANY = """mutation($input: AssignOpportunitiesInput!) { assignOpportunities(input: $input) {
  assignedCount failedCount assigned { opportunityId ownerId version changed } failures { opportunityId code message } } }"""
DISTRIBUTE = """mutation($input: DistributeOpportunitiesInput!) { distributeOpportunities(input: $input) {
  byRep { userId count opportunityIds } } }"""
ASSIGN_ONE = """mutation($input: AssignOpportunityInput!) { assignOpportunity(input: $input) { id ownerId version
  assignmentHistory { fromOwnerId toOwnerId by reason note } } }"""
STORY = """query($id: ID!) { opportunity(id: $id) { id ownerId
  timeline { kind summary by }
  handoverBrief { stageKey daysInStage lastContactKind lastContactText nextStep lastQuote { amount currency expired }
                  evidenceOnFile { kind count } previousOwnerId missingEvidence }
  activities { kind current { text } } } }"""
USER = "query($id: ID!) { user(id: $id) { active } }"
LOG = "mutation($input: LogActivityInput!) { logActivity(input: $input) { id } }"


@pytest.fixture(scope="module")
async def api(mongodb_url: str) -> AsyncIterator[Api]:
    async with running_api(mongodb_url) as api:
        yield api


async def new_rep(api: Api, id: str, team: str = "north") -> Identity:
    await api.call(
        CREATE_USER,
        {"input": {"id": id, "name": id, "email": f"{id}@example.com", "role": "REP", "team": team}},
    )
    return Identity(user_id=id, role="REP", team=team, name=id)


async def test_a_leaving_reps_open_work_goes_to_the_successor_who_sees_the_whole_story(api: Api) -> None:
    leaver = await new_rep(api, "leaver-1")
    successor = await new_rep(api, "successor-1")
    opp = await api.move(await api.create(as_=leaver), "validate", as_=leaver)
    won = await api.create(as_=leaver)
    for stage in ("validate", "won"):
        won = await api.move(won, stage, as_=leaver)
    await api.call(LOG, {"input": {"opportunityId": opp["id"], "kind": "CALL", "text": "Buyer wants a sample",
                                   "details": {"nextStep": "Send two samples"}}}, as_=leaver)  # fmt: skip
    await api.call(LOG, {"input": {"opportunityId": opp["id"], "kind": "QUOTE", "text": "First quote",
                                   "details": {"amount": "99000.00", "currency": "TWD", "validUntil": "2099-01-31"}}},
                   as_=leaver)  # fmt: skip

    result = (
        await api.call(
            HAND_OVER,
            {
                "input": {
                    "fromUserId": "leaver-1",
                    "toUserIds": ["successor-1"],
                    "deactivateLeaver": True,
                    "note": "left",
                }
            },
        )
    )["handOverOpportunities"]
    assert result["deactivated"] is True
    assert result["assignment"]["byRep"] == [
        {"userId": "successor-1", "count": 1, "opportunityIds": [opp["id"]]}
    ]
    assert (await api.call(USER, {"id": "leaver-1"}))["user"]["active"] is False

    story = (await api.call(STORY, {"id": opp["id"]}, as_=successor))["opportunity"]
    assert story["ownerId"] == "successor-1"
    kinds = [e["kind"] for e in story["timeline"]]
    assert kinds == ["CREATED", "STAGE_MOVE", "ACTIVITY", "ACTIVITY", "ASSIGNMENT"]
    brief = story["handoverBrief"]
    assert brief["stageKey"] == "validate" and brief["previousOwnerId"] == "leaver-1"
    assert brief["lastContactKind"] == "QUOTE" and brief["nextStep"] == "Send two samples"
    assert brief["lastQuote"] == {"amount": "99000.00", "currency": "TWD", "expired": False}
    assert {e["kind"]: e["count"] for e in brief["evidenceOnFile"]} == {"CALL": 1, "QUOTE": 1}
    assert (await api.get(won["id"]))["ownerId"] == "leaver-1"  # closed work keeps its owner
    events = [r for r in await api.outbox(opp["id"]) if r["type"] == "opportunity.assigned"]
    assert events[0]["envelope"]["data"]["reason"] == "HANDOVER"
    with pytest.raises(GraphQLFailure) as err:
        await api.create(as_=REP_1, ownerId="leaver-1")
    assert err.value.code == "BAD_USER_INPUT"


async def test_a_rep_cannot_hand_over_and_an_inactive_successor_is_refused(api: Api) -> None:
    await new_rep(api, "leaver-2")
    with pytest.raises(GraphQLFailure) as err:
        await api.call(HAND_OVER, {"input": {"fromUserId": "leaver-2", "toUserIds": ["rep-2"]}}, as_=REP_1)
    assert err.value.code == "FORBIDDEN"
    await new_rep(api, "gone-2")
    await api.call(
        HAND_OVER, {"input": {"fromUserId": "gone-2", "toUserIds": ["rep-2"], "deactivateLeaver": True}}
    )
    with pytest.raises(GraphQLFailure) as err:
        await api.call(HAND_OVER, {"input": {"fromUserId": "leaver-2", "toUserIds": ["gone-2"]}})
    assert err.value.code == "REP_INACTIVE"


async def test_bulk_assignment_reports_each_failure_and_assigns_the_rest(api: Api) -> None:
    a = await api.create(as_=REP_1)
    b = await api.create(as_=REP_1)
    targets = [{"id": a["id"], "expectedVersion": a["version"]}, {"id": b["id"], "expectedVersion": 99},
               {"id": "no-such-id"}]  # fmt: skip
    result = (
        await api.call(ASSIGN_MANY, {"input": {"targets": targets, "toUserId": "rep-2"}}, as_=MANAGER_NORTH)
    )["assignOpportunities"]
    assert result["assigned"] == [
        {"opportunityId": a["id"], "ownerId": "rep-2", "version": 2, "changed": True}
    ]
    assert {f["opportunityId"]: f["code"] for f in result["failures"]} == {
        b["id"]: "CONFLICT",
        "no-such-id": "NOT_FOUND",
    }
    with pytest.raises(GraphQLFailure) as err:
        await api.call(ASSIGN_MANY, {"input": {"targets": [], "toUserId": "rep-2"}})
    assert err.value.code == "EMPTY_BATCH"


async def test_assigning_one_opportunity_takes_its_version_and_records_why(api: Api) -> None:
    opp = await api.create(as_=REP_1)
    assigned = (
        await api.call(
            ASSIGN_ONE,
            {"input": {"id": opp["id"], "expectedVersion": 1, "toUserId": "rep-2", "note": "lives nearby"}},
        )
    )["assignOpportunity"]
    assert assigned["ownerId"] == "rep-2" and assigned["version"] == 2
    assert assigned["assignmentHistory"] == [
        {"fromOwnerId": None, "toOwnerId": "rep-1", "by": "rep-1", "reason": "INITIAL", "note": None},
        {
            "fromOwnerId": "rep-1",
            "toOwnerId": "rep-2",
            "by": ADMIN.user_id,
            "reason": "MANUAL",
            "note": "lives nearby",
        },
    ]
    with pytest.raises(GraphQLFailure) as err:
        await api.call(ASSIGN_ONE, {"input": {"id": opp["id"], "expectedVersion": 1, "toUserId": "rep-1"}})
    assert err.value.code == "CONFLICT"


async def test_distribution_round_robin_says_who_got_what(api: Api) -> None:
    opps = [await api.create(as_=REP_1) for _ in range(4)]
    result = (
        await api.call(
            DISTRIBUTE,
            {
                "input": {
                    "targets": [{"id": o["id"]} for o in opps],
                    "userIds": ["rep-1", "rep-2"],
                    "strategy": "ROUND_ROBIN",
                }
            },
        )
    )["distributeOpportunities"]
    by_rep: dict[str, Any] = {r["userId"]: r["opportunityIds"] for r in result["byRep"]}
    assert by_rep == {"rep-1": [opps[0]["id"], opps[2]["id"]], "rep-2": [opps[1]["id"], opps[3]["id"]]}
    assert REP_2.user_id in by_rep


async def test_a_chosen_subset_is_handed_over_and_someone_elses_opportunity_is_reported(api: Api) -> None:
    leaver = await new_rep(api, "leaver-3")
    mine = [await api.create(as_=leaver) for _ in range(3)]
    foreign = await api.create(as_=REP_1)
    chosen = [mine[0]["id"], mine[1]["id"], foreign["id"]]
    result = (
        await api.call(
            HAND_OVER, {"input": {"fromUserId": "leaver-3", "toUserIds": ["rep-2"], "opportunityIds": chosen}}
        )
    )["handOverOpportunities"]["assignment"]
    assert result["byRep"] == [{"userId": "rep-2", "count": 2, "opportunityIds": chosen[:2]}]
    assert result["failures"] == [{"opportunityId": foreign["id"], "code": "NOT_OWNED_BY_LEAVER"}]
    assert (await api.get(mine[2]["id"]))["ownerId"] == "leaver-3"

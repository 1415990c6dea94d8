"""The timeline through the GraphQL API: every kind of change in one chronological list."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest

from tests.integration.opportunity._graphql import ADMIN, REP_1, REP_3, Api, GraphQLFailure, running_api

TIMELINE = (
    """query($id: ID!) { opportunity(id: $id) { timeline { at kind by summary activityId dataJson } } }"""
)
CLOSE_DATE = """mutation($input: ChangeExpectedCloseDateInput!) { changeExpectedCloseDate(input: $input) { version } }"""
PROBABILITY = (
    """mutation($input: SetProbabilityOverrideInput!) { setProbabilityOverride(input: $input) { version } }"""
)
ASSIGN_ONE = """mutation($input: AssignOpportunityInput!) { assignOpportunity(input: $input) { version } }"""
LOG = "mutation($input: LogActivityInput!) { logActivity(input: $input) { id } }"
REVISE = "mutation($input: ReviseActivityInput!) { reviseActivity(input: $input) { id } }"


@pytest.fixture(scope="module")
async def api(mongodb_url: str) -> AsyncIterator[Api]:
    async with running_api(mongodb_url) as api:
        yield api


async def test_the_timeline_lists_moves_close_dates_overrides_assignments_and_activities_in_order(
    api: Api,
) -> None:
    opp = await api.create(as_=REP_1)
    activity = (
        await api.call(
            LOG, {"input": {"opportunityId": opp["id"], "kind": "MEETING", "text": "Kick-off"}}, as_=REP_1
        )
    )["logActivity"]
    await api.call(
        REVISE,
        {"input": {"activityId": activity["id"], "expectedRevision": 1, "text": "Kick-off at HQ"}},
        as_=REP_1,
    )
    opp = await api.move(opp, "validate")
    version = (
        await api.call(
            CLOSE_DATE,
            {
                "input": {
                    "id": opp["id"],
                    "expectedVersion": opp["version"],
                    "expectedCloseDate": "2027-06-30",
                    "reason": "budget",
                }
            },
            as_=REP_1,
        )
    )["changeExpectedCloseDate"]["version"]
    version = (
        await api.call(
            PROBABILITY,
            {"input": {"id": opp["id"], "expectedVersion": version, "probability": 35}},
            as_=REP_1,
        )
    )["setProbabilityOverride"]["version"]
    await api.call(
        ASSIGN_ONE, {"input": {"id": opp["id"], "expectedVersion": version, "toUserId": "rep-2"}}, as_=ADMIN
    )

    entries = (await api.call(TIMELINE, {"id": opp["id"]}))["opportunity"]["timeline"]
    assert [e["kind"] for e in entries] == [
        "CREATED",
        "ACTIVITY",
        "STAGE_MOVE",
        "CLOSE_DATE",
        "PROBABILITY",
        "ASSIGNMENT",
    ]
    assert [e["at"] for e in entries] == sorted(e["at"] for e in entries)
    assert (
        entries[1]["summary"] == "Meeting: Kick-off at HQ (revised 1×)"
        and entries[1]["activityId"] == activity["id"]
    )
    assert json.loads(entries[3]["dataJson"]) == {
        "old": "2027-03-31",
        "new": "2027-06-30",
        "reason": "budget",
    }
    assert json.loads(entries[5]["dataJson"])["to"] == "rep-2"
    with pytest.raises(GraphQLFailure) as err:
        await api.call(TIMELINE, {"id": opp["id"]}, as_=REP_3)
    assert err.value.code == "NOT_FOUND"

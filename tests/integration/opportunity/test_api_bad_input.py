"""Each bad input of the issue gets a clear error with a stable code, changes nothing and
writes no outbox row (so nothing is published)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from servicekit.identity import Identity
from tests.integration.opportunity._graphql import (
    CREATE,
    MANAGER_NORTH,
    REP_1,
    REP_2,
    Api,
    GraphQLFailure,
    running_api,
)

VALID: dict[str, Any] = {
    "title": "ERP upgrade", "customerName": "Acme", "amount": "1000.00", "currency": "TWD",
    "expectedCloseDate": "2027-03-31",
}  # fmt: skip


@pytest.fixture(scope="module")
async def api(mongodb_url: str) -> AsyncIterator[Api]:
    async with running_api(mongodb_url) as api:
        yield api


async def _refused(api: Api, query: str, variables: dict[str, Any], as_: Identity = REP_1) -> GraphQLFailure:
    before_rows = len(await api.outbox())
    before_opps = await api.db["opportunities"].count_documents({})
    with pytest.raises(GraphQLFailure) as caught:
        await api.call(query, variables, as_=as_)
    assert caught.value.errors[0]["message"]  # a message a person can act on
    assert len(await api.outbox()) == before_rows, "an outbox row was written for a refused change"
    assert await api.db["opportunities"].count_documents({}) == before_opps
    return caught.value


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"stageKey": "no_such_stage"}, "STAGE_NOT_FOUND", None),
        ({"pipelineId": "no-such-pipeline"}, "PIPELINE_NOT_FOUND", None),
        ({"amount": "-5"}, "BAD_USER_INPUT", "amount"),
        ({"amount": "12,5"}, "BAD_USER_INPUT", "amount"),
        ({"amount": "1.001"}, "BAD_USER_INPUT", "amount"),
        ({"amount": 12.5}, "BAD_USER_INPUT", None),  # a JSON float never becomes money
        ({"currency": "XYZ"}, "UNKNOWN_CURRENCY", "currency"),
        ({"expectedCloseDate": "2027-02-30"}, "BAD_USER_INPUT", None),
        ({"expectedCloseDate": "next week"}, "BAD_USER_INPUT", None),
        ({"difficulty": "9"}, "DIFFICULTY_FORBIDDEN", "difficulty"),
        ({"title": "   "}, "BAD_USER_INPUT", "title"),
        ({"title": "x" * 10_240}, "BAD_USER_INPUT", "title"),
        ({"ownerId": "nobody"}, "BAD_USER_INPUT", "ownerId"),
        ({"ownerId": "rep-2"}, "FORBIDDEN", None),  # a rep creates only their own
    ],
)
async def test_bad_create_input_is_refused_with_a_stable_code(
    api: Api, change: dict[str, Any], code: str, field: str | None
) -> None:
    failure = await _refused(api, CREATE, {"input": {**VALID, **change}})
    assert failure.code == code
    if field:
        assert failure.details.get("field") == field


@pytest.mark.parametrize("difficulty", ["9", "0"])
async def test_a_managers_difficulty_out_of_range_is_refused(api: Api, difficulty: str) -> None:
    failure = await _refused(api, CREATE, {"input": {**VALID, "difficulty": difficulty}}, as_=MANAGER_NORTH)
    assert (failure.code, failure.details.get("field")) == ("BAD_USER_INPUT", "difficulty")


MOVE = "mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { version } }"


async def _stage_and_version(api: Api, id: str) -> tuple[str, int]:
    opp = await api.get(id)
    return opp["stage"]["key"], opp["version"]


@pytest.mark.parametrize(
    ("move", "code"),
    [
        ({"stageKey": "lost"}, "LOST_REASON_REQUIRED"),
        ({"stageKey": "lost", "lostReason": "  "}, "LOST_REASON_REQUIRED"),
        ({"stageKey": "lost", "lostReason": "cheaper elsewhere"}, "LOST_REASON_REQUIRED"),
        ({"stageKey": "lost", "lostReasonKey": "other", "lostReason": " "}, "LOST_REASON_REQUIRED"),
        ({"stageKey": "lost", "lostReasonKey": "weather"}, "LOST_REASON_NOT_FOUND"),
        ({"stageKey": "nowhere"}, "STAGE_NOT_FOUND"),
        ({"stageKey": "validate", "expectedVersion": 7}, "CONFLICT"),
    ],
)
async def test_bad_moves_are_refused_and_change_nothing(api: Api, move: dict[str, Any], code: str) -> None:
    opp = await api.create()
    failure = await _refused(api, MOVE, {"input": {"id": opp["id"], "expectedVersion": 1, **move}})
    assert failure.code == code
    assert await _stage_and_version(api, opp["id"]) == ("discover", 1)


async def test_a_move_on_a_closed_opportunity_without_reopening_is_refused(api: Api) -> None:
    won = await api.move(await api.create(), "won")
    failure = await _refused(
        api, MOVE, {"input": {"id": won["id"], "expectedVersion": 2, "stageKey": "proposal"}}
    )
    assert failure.code == "OPPORTUNITY_CLOSED"
    assert await _stage_and_version(api, won["id"]) == ("won", 2)


async def test_someone_elses_opportunity_is_not_found_for_a_rep(api: Api) -> None:

    opp = await api.create(as_=REP_2)
    failure = await _refused(
        api, MOVE, {"input": {"id": opp["id"], "expectedVersion": 1, "stageKey": "validate"}}
    )
    assert failure.code == "NOT_FOUND"

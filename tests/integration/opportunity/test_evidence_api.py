"""Evidence through the GraphQL API: activities with append-only revisions, and stage
requirements that gate a move until the evidence is on file."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.integration.opportunity._evidence import PNG, log, upload
from tests.integration.opportunity._graphql import (
    ADMIN,
    REP_1,
    REP_3,
    Api,
    GraphQLFailure,
    running_api,
)

REVISE = """mutation($input: ReviseActivityInput!) { reviseActivity(input: $input) {
  id current { number text reason recordedBy } revisions { number text } } }"""
SET_RULES = """mutation($input: SetStageEvidenceInput!) { setStageEvidence(input: $input) { kind anyOf description } }"""
PIPELINE = "{ pipelines { id isDefault } }"


@pytest.fixture(scope="module")
async def api(mongodb_url: str) -> AsyncIterator[Api]:
    async with running_api(mongodb_url) as api:
        yield api


async def test_an_activity_is_logged_in_the_current_stage_with_server_times_and_an_event(api: Api) -> None:
    opp = await api.create()
    activity = await log(
        api, opp, "SAMPLE_SENT", text="Two samples", details={"courier": "黑貓", "trackingNumber": "TW123"}
    )
    current = activity["current"]
    assert current["stageKey"] == "discover" and current["recordedBy"] == "rep-1"
    assert current["details"]["trackingNumber"] == "TW123"
    rows = [
        r for r in await api.outbox() if r["type"] == "activity.logged" and r["subject"] == activity["id"]
    ]
    assert len(rows) == 1
    assert rows[0]["envelope"]["data"]["opportunity"]["id"] == opp["id"]


async def test_a_correction_adds_a_revision_and_the_first_stays_visible(api: Api) -> None:
    opp = await api.create()
    activity = await log(api, opp, "CALL", text="Called, no answer")
    revised = (
        await api.call(
            REVISE,
            {
                "input": {
                    "activityId": activity["id"],
                    "expectedRevision": 1,
                    "text": "Called, spoke to buyer",
                    "reason": "typo",
                }
            },
            as_=REP_1,
        )
    )["reviseActivity"]
    assert [r["text"] for r in revised["revisions"]] == ["Called, no answer", "Called, spoke to buyer"]
    assert revised["current"]["number"] == 2 and revised["current"]["reason"] == "typo"
    with pytest.raises(GraphQLFailure) as err:
        await api.call(
            REVISE, {"input": {"activityId": activity["id"], "expectedRevision": 1, "text": "x"}}, as_=REP_1
        )
    assert err.value.code == "CONFLICT"


async def test_a_quote_without_its_validity_is_refused_and_nothing_is_logged(api: Api) -> None:
    opp = await api.create()
    before = len(await api.outbox())
    with pytest.raises(GraphQLFailure) as err:
        await log(api, opp, "QUOTE", details={"amount": "1000", "currency": "TWD"})
    assert err.value.code == "BAD_USER_INPUT" and err.value.details["missing"] == ["validUntil"]
    assert len(await api.outbox()) == before


async def test_another_reps_opportunity_is_not_found(api: Api) -> None:
    opp = await api.create()
    with pytest.raises(GraphQLFailure) as err:
        await log(api, opp, "NOTE", as_=REP_3, text="snooping")
    assert err.value.code == "NOT_FOUND"


async def test_a_stage_that_requires_a_sample_refuses_the_move_saying_what_is_missing(api: Api) -> None:
    pipeline = next(p for p in (await api.call(PIPELINE))["pipelines"] if p["isDefault"])
    rules = {"pipelineId": pipeline["id"], "stageKey": "validate",
             "requirements": [{"kind": "SAMPLE_SENT", "anyOf": ["tracking_number", "photo"]}]}  # fmt: skip
    with pytest.raises(GraphQLFailure) as err:
        await api.call(SET_RULES, {"input": rules}, as_=REP_1)
    assert err.value.code == "FORBIDDEN"
    await api.call(SET_RULES, {"input": rules}, as_=ADMIN)
    opp = await api.move(await api.create(), "validate")
    with pytest.raises(GraphQLFailure) as err:
        await api.move(opp, "needs_analysis")
    assert err.value.code == "EVIDENCE_REQUIRED"
    assert "sample sent activity with a tracking number or a photo" in err.value.errors[0]["message"]
    assert (await api.get(opp["id"]))["version"] == opp["version"]
    # Moving back needs no proof; a sample with a photo satisfies the rule.
    sample = await log(api, opp, "SAMPLE_SENT", details={"courier": "hand delivered"})
    with pytest.raises(GraphQLFailure):
        await api.move(opp, "needs_analysis")
    await upload(api, sample["id"], [("sample.png", PNG, "image/png")])
    moved = await api.move(opp, "needs_analysis")
    assert moved["stage"]["key"] == "needs_analysis"


async def test_a_rule_stored_in_either_spelling_gates_the_same_and_reads_as_the_api_names_it(
    api: Api,
) -> None:
    # Rules saved before the API spelling was adopted hold "tracking_number"; one written in the
    # API's spelling holds "trackingNumber": both are read the same way.
    pipeline = next(p for p in (await api.call(PIPELINE))["pipelines"] if p["isDefault"])
    show = "query($p: ID!, $s: String!) { stageEvidence(pipelineId: $p, stageKey: $s) { anyOf } }"
    for stored in ["tracking_number", "trackingNumber"]:
        await api.db["stage_evidence_rules"].replace_one(
            {"_id": f"{pipeline['id']}:discover"},
            {"pipeline_id": pipeline["id"], "stage_key": "discover",
             "requirements": [{"kind": "SAMPLE_SENT", "any_of": [stored], "description": None}]},
            upsert=True,
        )  # fmt: skip
        shown = await api.call(show, {"p": pipeline["id"], "s": "discover"})
        assert shown["stageEvidence"] == [{"anyOf": ["trackingNumber"]}]
        opp = await api.create()
        with pytest.raises(GraphQLFailure) as err:
            await api.move(opp, "validate")
        assert err.value.details["missingFields"] == ["trackingNumber"]
        await log(api, opp, "SAMPLE_SENT", details={"courier": "DHL", "trackingNumber": "TW9"})
        assert (await api.move(opp, "validate"))["stage"]["key"] == "validate"
    await api.db["stage_evidence_rules"].delete_one({"_id": f"{pipeline['id']}:discover"})


COMPLETE = """mutation($input: CompleteActivityInput!) { completeActivity(input: $input) {
  id current { number completedAt details { nextStepDue } } } }"""


async def test_completing_a_next_step_adds_a_revision_and_its_event_carries_due_day_and_completion(
    api: Api,
) -> None:
    opp = await api.create()
    activity = await log(
        api, opp, "CALL", text="Call back", details={"nextStep": "Call back", "nextStepDue": "2030-03-04"}
    )
    done = (await api.call(COMPLETE, {"input": {"activityId": activity["id"], "expectedRevision": 1}}))[
        "completeActivity"
    ]
    assert done["current"]["number"] == 2 and done["current"]["completedAt"]
    assert done["current"]["details"]["nextStepDue"] == "2030-03-04"

    events = sorted(
        (r["envelope"]["data"]["activity"] for r in await api.outbox()
         if r["type"] == "activity.logged" and r["subject"] == activity["id"]),
        key=lambda a: a["revision"],
    )  # fmt: skip
    assert [(a["revision"], a["due_on"], a["completed_at"] is not None) for a in events] == [
        (1, "2030-03-04", False),
        (2, "2030-03-04", True),
    ]

    before = len(await api.outbox())
    with pytest.raises(GraphQLFailure) as err:
        await api.call(COMPLETE, {"input": {"activityId": activity["id"], "expectedRevision": 2}})
    assert err.value.code == "ACTIVITY_COMPLETED"
    assert len(await api.outbox()) == before

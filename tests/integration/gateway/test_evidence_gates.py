"""Evidence gates through the gateway: a deal cannot jump, win, reopen or start past a stage
whose evidence is missing, and the refusal names the stage and the fields to fill."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

import pytest

from tests.integration.gateway._system import ADMIN, System, running_system
from tests.support.waiting import wait_until

CREATE = "mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id version stage { key } } }"
MOVE = "mutation($i: MoveOpportunityStageInput!) { moveOpportunityStage(input: $i) { version stage { key } status } }"
REOPEN = (
    "mutation($i: ReopenOpportunityInput!) { reopenOpportunity(input: $i) { version stage { key } status } }"
)
LOG = "mutation($i: LogActivityInput!) { logActivity(input: $i) { id } }"
SET_RULES = "mutation($i: SetStageEvidenceInput!) { setStageEvidence(input: $i) { kind anyOf } }"
RULES = (
    "query($p: ID!, $s: String!) { stageEvidence(pipelineId: $p, stageKey: $s) { kind anyOf description } }"
)
FIND = "query($f: OpportunityFilter) { opportunities(filter: $f, first: 50) { totalCount nodes { stage { key } } } }"
IMPORT = """mutation($i: ImportOpportunitiesInput!) {
  importOpportunities(input: $i) { id status toCreate problems { line reason } } }"""
JOB = "query($id: ID!) { importJob(id: $id) { status created } }"
OWNER: dict[str, str] = {}
CLOSE = (date.today() + timedelta(days=60)).isoformat()


@pytest.fixture(scope="module")
async def system(mongodb_url: str, amqp_url: str) -> AsyncIterator[System]:
    async with running_system(mongodb_url, amqp_url) as system:
        rep = await system.data(
            ADMIN,
            "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
            {"i": {"name": "Rita", "email": "rita@example.com", "role": "REP", "team": "north"}},
        )
        OWNER["id"] = rep["createUser"]["id"]
        pipeline = await _default_pipeline(system)
        for stage, requirement in [
            ("value_proposition", {"kind": "SAMPLE_SENT", "anyOf": ["trackingNumber", "photo"]}),
            ("proposal", {"kind": "QUOTE", "anyOf": ["quoteNumber"]}),
        ]:
            rules = {"pipelineId": pipeline, "stageKey": stage, "requirements": [requirement]}
            await system.data(ADMIN, SET_RULES, {"i": rules})
        yield system


async def _default_pipeline(system: System) -> str:
    pipelines = (await system.data(ADMIN, "{ pipelines { id isDefault } }"))["pipelines"]
    pipeline_id: str = next(p["id"] for p in pipelines if p["isDefault"])
    return pipeline_id


async def _create(system: System, title: str, stage: str | None = None) -> dict[str, Any]:
    fields = {"title": title, "customerName": "Acme", "amount": "1000", "currency": "TWD",
              "expectedCloseDate": CLOSE, "ownerId": OWNER["id"], **({"stageKey": stage} if stage else {})}  # fmt: skip
    created: dict[str, Any] = (await system.data(ADMIN, CREATE, {"i": fields}))["createOpportunity"]
    return created


async def _move(system: System, opp: dict[str, Any], stage: str, **extra: Any) -> dict[str, Any]:
    body = await system.ask(
        ADMIN, MOVE, {"i": {"id": opp["id"], "expectedVersion": opp["version"], "stageKey": stage, **extra}}
    )
    if body.get("errors"):
        return body
    return {**opp, **body["data"]["moveOpportunityStage"]}


async def _log(system: System, opp: dict[str, Any], kind: str, stage: str, details: dict[str, Any]) -> None:
    fields = {"opportunityId": opp["id"], "kind": kind, "stageKey": stage, "details": details}
    await system.data(ADMIN, LOG, {"i": fields})


def _refusal(body: dict[str, Any]) -> dict[str, Any]:
    assert body.get("errors"), body
    extensions: dict[str, Any] = body["errors"][0]["extensions"]
    assert extensions["code"] == "EVIDENCE_REQUIRED", body["errors"]
    details: dict[str, Any] = extensions["details"]
    return details


SAMPLE = {"courier": "黑貓", "trackingNumber": "TW-1"}
QUOTE = {"amount": "1000", "currency": "TWD", "validUntil": CLOSE, "quoteNumber": "Q-1"}


async def test_jumping_over_a_gated_stage_is_refused_until_its_evidence_is_logged(system: System) -> None:
    opp = await _move(system, await _create(system, "jump"), "needs_analysis")
    details = _refusal(await _move(system, opp, "decision_makers"))
    assert details["stageKey"] == "value_proposition"
    assert details["missingFields"] == ["photo", "trackingNumber"]
    assert details["missing"][0]["anyOf"] == ["trackingNumber", "photo"]
    await _log(system, opp, "SAMPLE_SENT", "value_proposition", SAMPLE)
    moved = await _move(system, opp, "decision_makers")
    assert moved["stage"]["key"] == "decision_makers" and moved["version"] == opp["version"] + 1


async def test_winning_asks_for_every_gated_stage_it_passes(system: System) -> None:
    opp = await _move(system, await _create(system, "win"), "needs_analysis")
    details = _refusal(await _move(system, opp, "won"))
    assert [s["stageKey"] for s in details["stages"]] == ["value_proposition", "proposal"]
    await _log(system, opp, "SAMPLE_SENT", "value_proposition", SAMPLE)
    details = _refusal(await _move(system, opp, "won"))
    assert (details["stageKey"], details["missingFields"]) == ("proposal", ["quoteNumber"])
    await _log(system, opp, "QUOTE", "proposal", QUOTE)
    assert (await _move(system, opp, "won"))["status"] == "WON"


async def test_losing_and_reopening_further_on_is_no_way_round(system: System) -> None:
    opp = await _move(system, await _create(system, "reopen"), "needs_analysis")
    lost = await _move(system, opp, "lost", lostReasonKey="price")
    assert lost["status"] == "LOST"
    reopen = {"id": opp["id"], "expectedVersion": lost["version"], "stageKey": "negotiation"}
    details = _refusal(await system.ask(ADMIN, REOPEN, {"i": reopen}))
    assert details["stageKey"] == "value_proposition"
    reopened = await system.data(ADMIN, REOPEN, {"i": {**reopen, "stageKey": "value_proposition"}})
    assert reopened["reopenOpportunity"]["stage"]["key"] == "value_proposition"


async def test_a_deal_cannot_start_past_a_gated_stage_and_nothing_is_created(system: System) -> None:
    fields = {"title": "late start", "customerName": "Acme", "amount": "1", "currency": "TWD",
              "expectedCloseDate": CLOSE, "ownerId": OWNER["id"], "stageKey": "decision_makers"}  # fmt: skip
    body = await system.ask(ADMIN, CREATE, {"i": fields})
    details = _refusal(body)
    assert details["stageKey"] == "value_proposition" and details["missingFields"] == [
        "photo",
        "trackingNumber",
    ]
    assert "value_proposition" in body["errors"][0]["message"]
    found = await system.data(ADMIN, FIND, {"f": {"search": "late start"}})
    assert found["opportunities"]["totalCount"] == 0
    # Starting in the gated stage itself is allowed: its evidence is asked when it is left.
    assert (await _create(system, "in the gate", "value_proposition"))["stage"]["key"] == "value_proposition"


async def test_an_import_starts_its_leads_in_the_first_stage_past_no_gate(system: System) -> None:
    csv = (
        "company,contact,title,phone,email,product interest,estimated amount,currency,notes\n"
        "Gated Import Co,Amy,CTO,02-2345-0009,amy@gated.example,Sensors,5000,TWD,\n"
    )
    variables = {"i": {"file": None, "toUserIds": [OWNER["id"]], "closeInDays": 30}}
    response = await system.http.post(
        "/graphql",
        data={"operations": json.dumps({"query": IMPORT, "variables": variables}),
              "map": json.dumps({"0": ["variables.i.file"]})},
        files={"0": ("leads.csv", csv.encode(), "text/csv")},
        headers={"authorization": f"Bearer {system.token(ADMIN)}"},
    )  # fmt: skip
    job = response.json()["data"]["importOpportunities"]
    assert job["toCreate"] == 1, job

    async def done() -> bool:
        status = (await system.data(ADMIN, JOB, {"id": job["id"]}))["importJob"]
        return bool(status["status"] == "DONE" and status["created"] == 1)

    await wait_until(done, timeout=30, interval=0.1)
    found = await system.data(ADMIN, FIND, {"f": {"search": "Gated Import Co"}})
    assert [n["stage"]["key"] for n in found["opportunities"]["nodes"]] == ["discover"]


async def test_rules_name_fields_as_the_api_does_and_take_either_spelling(system: System) -> None:
    pipeline = await _default_pipeline(system)
    for spelling in ["tracking_number", "trackingNumber"]:
        rules = {"pipelineId": pipeline, "stageKey": "discover",
                 "requirements": [{"kind": "SAMPLE_SENT", "anyOf": [spelling]}]}  # fmt: skip
        saved = (await system.data(ADMIN, SET_RULES, {"i": rules}))["setStageEvidence"]
        assert saved == [{"kind": "SAMPLE_SENT", "anyOf": ["trackingNumber"]}]
        shown = await system.data(ADMIN, RULES, {"p": pipeline, "s": "discover"})
        assert shown["stageEvidence"][0]["anyOf"] == ["trackingNumber"]
        opp = await _create(system, f"spelling {spelling}")
        details = _refusal(await _move(system, opp, "validate"))
        assert (details["stageKey"], details["missingFields"]) == ("discover", ["trackingNumber"])
        await _log(system, opp, "SAMPLE_SENT", "discover", SAMPLE)
        assert (await _move(system, opp, "validate"))["stage"]["key"] == "validate"
    bad = {"pipelineId": pipeline, "stageKey": "discover",
           "requirements": [{"kind": "CALL", "anyOf": ["trackingNumber"]}]}  # fmt: skip
    body = await system.ask(ADMIN, SET_RULES, {"i": bad})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "durationMinutes" in body["errors"][0]["extensions"]["details"]["allowed"]
    await system.data(
        ADMIN, SET_RULES, {"i": {"pipelineId": pipeline, "stageKey": "discover", "requirements": []}}
    )

"""Evidence through the GraphQL API: activities with revisions, stage requirements that gate a
move, files uploaded as a GraphQL multipart request and downloaded with a visibility check."""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest

from servicekit.identity import IDENTITY_HEADER, Identity, sign_identity
from tests.integration.opportunity._graphql import (
    ADMIN,
    REP_1,
    REP_3,
    SECRET,
    Api,
    GraphQLFailure,
    running_api,
)

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200
PDF = b"%PDF-1.7\n" + b"%" * 200

LOG = """mutation($input: LogActivityInput!) { logActivity(input: $input) {
  id kind current { number text stageKey occurredAt recordedAt recordedBy details { courier trackingNumber amount currency validUntil } }
  revisions { number text } attachmentIds } }"""
REVISE = """mutation($input: ReviseActivityInput!) { reviseActivity(input: $input) {
  id current { number text reason recordedBy } revisions { number text } } }"""
SET_RULES = """mutation($input: SetStageEvidenceInput!) { setStageEvidence(input: $input) { kind anyOf description } }"""
ATTACH = """mutation($activityId: ID!, $files: [Upload!]!) { attachFiles(activityId: $activityId, files: $files) {
  id filename contentType size sha256 downloadPath } }"""
PIPELINE = "{ pipelines { id isDefault } }"


@pytest.fixture(scope="module")
async def api(mongodb_url: str) -> AsyncIterator[Api]:
    async with running_api(mongodb_url) as api:
        yield api


async def log(
    api: Api, opp: dict[str, Any], kind: str, as_: Identity = REP_1, **fields: Any
) -> dict[str, Any]:
    return (await api.call(LOG, {"input": {"opportunityId": opp["id"], "kind": kind, **fields}}, as_=as_))[
        "logActivity"
    ]


async def upload(
    api: Api, activity_id: str, files: list[tuple[str, bytes, str]], as_: Identity = REP_1
) -> Any:
    operations = {"query": ATTACH, "variables": {"activityId": activity_id, "files": [None] * len(files)}}
    mapping = {str(i): [f"variables.files.{i}"] for i in range(len(files))}
    response = await api.http.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps(mapping)},
        files={str(i): f for i, f in enumerate(files)},
        headers={IDENTITY_HEADER: sign_identity(as_, SECRET)},
    )
    body = response.json()
    if body.get("errors"):
        raise GraphQLFailure(body["errors"])
    return body["data"]["attachFiles"]


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
    assert err.value.code == "BAD_USER_INPUT" and err.value.details["missing"] == ["valid_until"]
    assert len(await api.outbox()) == before


async def test_another_reps_opportunity_is_not_found(api: Api) -> None:
    opp = await api.create()
    with pytest.raises(GraphQLFailure) as err:
        await log(api, opp, "NOTE", as_=REP_3, text="snooping")
    assert err.value.code == "NOT_FOUND"


async def test_a_stage_that_requires_a_sample_refuses_the_move_saying_what_is_missing(api: Api) -> None:
    pipeline = next(p for p in (await api.call(PIPELINE))["pipelines"] if p["isDefault"])
    rules = {"pipelineId": pipeline["id"], "stageKey": "validate",
             "requirements": [{"kind": "SAMPLE_SENT", "anyOf": ["tracking_number", "attachment"]}]}  # fmt: skip
    with pytest.raises(GraphQLFailure) as err:
        await api.call(SET_RULES, {"input": rules}, as_=REP_1)
    assert err.value.code == "FORBIDDEN"
    await api.call(SET_RULES, {"input": rules}, as_=ADMIN)
    opp = await api.move(await api.create(), "validate")
    with pytest.raises(GraphQLFailure) as err:
        await api.move(opp, "needs_analysis")
    assert err.value.code == "EVIDENCE_REQUIRED"
    assert "sample sent activity with a tracking number or a file" in err.value.errors[0]["message"]
    assert (await api.get(opp["id"]))["version"] == opp["version"]
    # Moving back needs no proof; a sample with a photo satisfies the rule.
    sample = await log(api, opp, "SAMPLE_SENT", details={"courier": "hand delivered"})
    with pytest.raises(GraphQLFailure):
        await api.move(opp, "needs_analysis")
    await upload(api, sample["id"], [("sample.png", PNG, "image/png")])
    moved = await api.move(opp, "needs_analysis")
    assert moved["stage"]["key"] == "needs_analysis"


async def test_files_are_stored_with_sniffed_type_and_sha256_and_downloaded_by_those_who_may_see_them(
    api: Api,
) -> None:
    opp = await api.create()
    activity = await log(
        api, opp, "QUOTE", details={"amount": "99000.00", "currency": "TWD", "validUntil": "2027-01-31"}
    )
    [photo, quote] = await upload(
        api,
        activity["id"],
        [("../樣品 照片.png", PNG, "image/png"), ("quote.pdf", PDF, "application/octet-stream")],
    )
    assert (photo["filename"], photo["contentType"], photo["size"]) == (
        "樣品 照片.png",
        "image/png",
        len(PNG),
    )
    assert quote["contentType"] == "application/pdf" and quote["sha256"] == hashlib.sha256(PDF).hexdigest()
    response = await api.http.get(
        photo["downloadPath"], headers={IDENTITY_HEADER: sign_identity(REP_1, SECRET)}
    )
    assert response.status_code == 200 and response.content == PNG
    assert response.headers["content-type"] == "image/png"
    other = await api.http.get(photo["downloadPath"], headers={IDENTITY_HEADER: sign_identity(REP_3, SECRET)})
    assert other.status_code == 404
    anonymous = await api.http.get(photo["downloadPath"])
    assert anonymous.status_code == 401
    events = [
        r for r in await api.outbox() if r["type"] == "attachment.added" and r["subject"] == photo["id"]
    ]
    assert len(events) == 1


async def test_a_file_whose_bytes_do_not_match_its_claimed_type_is_refused_and_not_stored(api: Api) -> None:
    opp = await api.create()
    activity = await log(api, opp, "NOTE", text="see file")
    with pytest.raises(GraphQLFailure) as err:
        await upload(api, activity["id"], [("photo.png", PDF, "image/png")])
    assert err.value.code == "FILE_TYPE_MISMATCH"
    with pytest.raises(GraphQLFailure) as err:
        await upload(api, activity["id"], [("run.exe", b"MZ" + b"\x90" * 300, "application/octet-stream")])
    assert err.value.code == "FILE_TYPE_NOT_ALLOWED"
    assert await api.db["attachments.files"].count_documents({"metadata.activity_id": activity["id"]}) == 0

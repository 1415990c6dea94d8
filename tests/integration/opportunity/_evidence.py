"""Helpers for evidence tests: log an activity, upload files as a GraphQL multipart request."""

from __future__ import annotations

import json
from typing import Any

from servicekit.identity import IDENTITY_HEADER, Identity, sign_identity
from tests.integration.opportunity._graphql import REP_1, SECRET, Api, GraphQLFailure

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200
PDF = b"%PDF-1.7\n" + b"%" * 200

LOG = """mutation($input: LogActivityInput!) { logActivity(input: $input) {
  id kind current { number text stageKey occurredAt recordedAt recordedBy details { courier trackingNumber amount currency validUntil } }
  revisions { number text } attachmentIds } }"""
ATTACH = """mutation($activityId: ID!, $files: [Upload!]!) { attachFiles(activityId: $activityId, files: $files) {
  id filename contentType size sha256 downloadPath } }"""


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

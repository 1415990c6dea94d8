"""Attachments through the GraphQL multipart request convention: stored in GridFS with the type
sniffed from the bytes and SHA-256, refused when they lie, downloaded only by those who may see."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator

import pytest

from servicekit.identity import IDENTITY_HEADER, sign_identity
from tests.integration.opportunity._evidence import PDF, PNG, log, upload
from tests.integration.opportunity._graphql import REP_1, REP_3, SECRET, Api, GraphQLFailure, running_api


@pytest.fixture(scope="module")
async def api(mongodb_url: str) -> AsyncIterator[Api]:
    async with running_api(mongodb_url) as api:
        yield api


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


async def test_limits_come_from_settings_an_oversized_file_and_one_file_too_many_are_refused(
    mongodb_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPPORTUNITY_ATTACHMENT_MAX_BYTES", "1024")
    monkeypatch.setenv("OPPORTUNITY_ATTACHMENT_MAX_FILES", "1")
    async with running_api(mongodb_url) as small:
        opp = await small.create()
        activity = await log(small, opp, "SAMPLE_SENT", details={"courier": "DHL"})
        with pytest.raises(GraphQLFailure) as err:
            await upload(small, activity["id"], [("big.png", PNG + b"\x00" * 2048, "image/png")])
        assert err.value.code == "FILE_TOO_LARGE" and err.value.details["limit"] == 1024
        await upload(small, activity["id"], [("one.png", PNG, "image/png")])
        with pytest.raises(GraphQLFailure) as err:
            await upload(small, activity["id"], [("two.pdf", PDF, "application/pdf")])
        assert err.value.code == "TOO_MANY_FILES"
        assert await small.db["attachments.files"].count_documents({}) == 1

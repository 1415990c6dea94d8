"""The search keys' back-fill (part of ``migrate``): records stored before the keys are found by
a search once it has run, a dry run prints and changes nothing, a second run changes nothing,
and the index searches used before is dropped at start-up."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from servicekit.mongo import Document
from services.opportunity.entrypoints.migrate import run
from tests.integration.opportunity._accounts import ACCOUNTS, create_account, create_contact
from tests.integration.opportunity._graphql import REP_1, Api, running_api

CONTACTS = "query($search: String) { contacts(search: $search, first: 10) { nodes { name } totalCount } }"


@pytest.fixture
async def api(mongodb_url: str) -> AsyncIterator[Api]:
    async with running_api(mongodb_url) as api:
        yield api


async def _as_stored_before_keys(api: Api) -> None:
    """What the records looked like before: a token array (and its index), no keys."""
    for collection in ("accounts", "contacts"):
        await api.db[collection].update_many(
            {}, {"$unset": {"search_keys": "", "search_text": "", "search_version": ""},
                 "$set": {"search_tokens": ["old"]}},
        )  # fmt: skip
        await api.db[collection].create_index("search_tokens", name=f"{collection}_search_tokens")


async def _snapshot(api: Api) -> list[Document]:
    return [d for c in ("accounts", "contacts") for d in await api.db[c].find({}).sort("_id").to_list(None)]


async def _names(api: Api, search: str) -> list[str]:
    data = await api.call(ACCOUNTS, {"search": search, "first": 10}, as_=REP_1)
    return [a["name"] for a in data["accounts"]["nodes"]]


async def test_records_stored_before_the_keys_are_found_once_back_filled(
    api: Api, capsys: pytest.CaptureFixture[str]
) -> None:
    tsmc = await create_account(api)
    await create_account(api, name="ＡＣＭＥ Precision Co., Ltd.", taxNumber="04595257")
    await create_contact(api, tsmc["id"], name="陳美玲", emails=["Mei.Chen@tsmc.example.com"])
    await _as_stored_before_keys(api)
    assert await _names(api, "積體電路") == []

    before = await _snapshot(api)
    assert await run(True, api.settings) == 0
    assert "dry run: would key 2 accounts and 1 contacts for search" in capsys.readouterr().out
    assert await _snapshot(api) == before, "a dry run changed something"

    assert await run(False, api.settings) == 0
    assert "keyed 2 accounts and 1 contacts for search" in capsys.readouterr().out
    assert await _names(api, "積體電路") == [tsmc["name"]]
    assert await _names(api, "acme prec") == ["ＡＣＭＥ Precision Co., Ltd."]
    assert await _names(api, "0459") == ["ＡＣＭＥ Precision Co., Ltd."]
    people = (await api.call(CONTACTS, {"search": "美玲"}, as_=REP_1))["contacts"]
    assert people == {"nodes": [{"name": "陳美玲"}], "totalCount": 1}
    assert not await api.db["accounts"].count_documents({"search_tokens": {"$exists": True}})
    for collection in ("accounts", "contacts"):
        assert f"{collection}_search_tokens" not in await api.db[collection].index_information()

    after = await _snapshot(api)
    assert await run(False, api.settings) == 0
    assert "keyed 0 accounts and 0 contacts for search" in capsys.readouterr().out
    assert await _snapshot(api) == after, "a second run changed something"

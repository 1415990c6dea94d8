"""The one-off migration of customer names to accounts: a dry run prints and changes nothing,
the run links every opportunity (one account per distinct customer, an existing one reused),
and a second run changes nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from servicekit.mongo import Document
from services.opportunity.entrypoints.migrate import run
from tests.integration.opportunity._accounts import create_account
from tests.integration.opportunity._graphql import REP_1, REP_3, Api, running_api

ACCOUNT_OF = "query($id: ID!) { opportunity(id: $id) { accountId } }"


@pytest.fixture
async def api(mongodb_url: str) -> AsyncIterator[Api]:
    async with running_api(mongodb_url) as api:
        yield api


async def _snapshot(api: Api) -> tuple[list[Document], list[Document], int]:
    opportunities = (
        await api.db["opportunities"].find({}, {"account_id": 1, "version": 1}).sort("_id").to_list(None)
    )
    accounts = await api.db["accounts"].find({}, {"_id": 1}).sort("_id").to_list(None)
    return opportunities, accounts, len(await api.outbox())


async def test_customer_names_become_accounts_once(api: Api, capsys: pytest.CaptureFixture[str]) -> None:
    existing = await create_account(api, name="Foxconn Co., Ltd.", as_=REP_3)
    a = await api.create(as_=REP_1, customerName="台灣積體電路製造股份有限公司")
    b = await api.create(as_=REP_3, customerName="臺灣積體電路製造")  # the same company, written otherwise
    c = await api.create(as_=REP_1, customerName="ＦＯＸＣＯＮＮ")
    d = await api.create(as_=REP_1, customerName="Acme Inc.")

    before = await _snapshot(api)
    assert await run(True, api.settings) == 0
    printed = capsys.readouterr().out
    assert await _snapshot(api) == before, "a dry run changed something"
    assert "would link 2 opportunities to new account '台灣積體電路製造股份有限公司'" in printed
    assert f"would link 1 opportunity to existing account 'Foxconn Co., Ltd.' ({existing['id']})" in printed
    assert "dry run: 4 opportunities, 2 new accounts, 1 existing" in printed

    assert await run(False, api.settings) == 0
    capsys.readouterr()
    account_of = {}
    for o in (a, b, c, d):
        account_of[o["id"]] = (await api.call(ACCOUNT_OF, {"id": o["id"]}))["opportunity"]["accountId"]
    assert account_of[a["id"]] == account_of[b["id"]]
    assert account_of[c["id"]] == existing["id"]
    assert len(set(account_of.values())) == 3
    assert await api.db["accounts"].count_documents({"origin": "MIGRATION"}) == 2
    events = [r["envelope"] for r in await api.outbox(a["id"])]
    assert events[-1]["type"] == "opportunity.updated"
    assert events[-1]["data"]["opportunity"]["account_id"] == account_of[a["id"]]

    after = await _snapshot(api)
    assert await run(False, api.settings) == 0
    assert "0 opportunities, 0 new accounts, 0 existing" in capsys.readouterr().out
    assert await _snapshot(api) == after, "a second run changed something"

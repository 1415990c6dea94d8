"""A tax number names one live account, even when two people create it at the same moment: the
unique index decides, and the loser gets the same clear error as the check before a create."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from services.opportunity.adapters.account_store import ACCOUNTS, TAX_NUMBER_UNIQUE, MongoAccounts
from services.opportunity.application.account_ports import Changes
from services.opportunity.domain.accounts import AccountFields, AccountOrigin, new_account
from services.opportunity.domain.errors import AlreadyExists
from tests.integration.opportunity._accounts import CREATE_ACCOUNT
from tests.integration.opportunity._graphql import REP_1, REP_2, Api, GraphQLFailure, running_api

TAX_NUMBER = "22099131"


@pytest.fixture
async def api(mongodb_url: str) -> AsyncIterator[Api]:
    async with running_api(mongodb_url) as api:
        yield api


async def _create(api: Api, n: int) -> dict[str, object] | GraphQLFailure:
    payload = {"account": {"name": f"台積電 {n}", "taxNumber": TAX_NUMBER}}
    try:
        return (await api.call(CREATE_ACCOUNT, {"input": payload}, as_=(REP_1, REP_2)[n % 2]))[
            "createAccount"
        ]
    except GraphQLFailure as failure:
        return failure


async def test_concurrent_creates_with_one_tax_number_make_one_account(api: Api) -> None:
    results = await asyncio.gather(*(_create(api, n) for n in range(8)))
    created = [r for r in results if not isinstance(r, GraphQLFailure)]
    refused = [r for r in results if isinstance(r, GraphQLFailure)]
    assert len(created) == 1, results
    assert {(f.code, f.details.get("field")) for f in refused} == {("ALREADY_EXISTS", "taxNumber")}
    assert await api.db[ACCOUNTS].count_documents({"tax_number": TAX_NUMBER}) == 1
    events = [r["envelope"]["type"] for r in await api.outbox() if r["envelope"]["type"] == "account.created"]
    assert events == ["account.created"]


async def test_the_store_refuses_a_second_live_account_with_a_tax_number(api: Api) -> None:
    """What the index guarantees when the check before the write has been passed by both."""
    store = MongoAccounts(api.db.client, api.db)
    now = datetime.now(UTC)

    def account(id: str) -> Changes:
        fields = AccountFields(name=f"台積電 {id}", tax_number=TAX_NUMBER)
        made = new_account(
            fields,
            id=id,
            owner_id=REP_1.user_id,
            team="north",
            origin=AccountOrigin.MANUAL,
            by="test",
            now=now,
        )
        return Changes(accounts=[(made, None)])

    await store.commit(account("first"), [])
    with pytest.raises(AlreadyExists) as caught:
        await store.commit(account("second"), [])
    assert caught.value.details == {"field": "taxNumber"}
    assert [d["_id"] async for d in api.db[ACCOUNTS].find({"tax_number": TAX_NUMBER})] == ["first"]
    assert TAX_NUMBER_UNIQUE in await api.db[ACCOUNTS].index_information()

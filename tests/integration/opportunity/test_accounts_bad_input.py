"""Bad input about accounts and contacts: a clear error code, nothing stored, no event."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.integration.opportunity._accounts import (
    CREATE_ACCOUNT,
    CREATE_CONTACT,
    MERGE_ACCOUNTS,
    MERGE_CONTACTS,
    create_account,
    create_contact,
)
from tests.integration.opportunity._graphql import MANAGER_NORTH, REP_1, Api, GraphQLFailure, running_api


@pytest.fixture(scope="module")
async def api(mongodb_url: str) -> AsyncIterator[Api]:
    async with running_api(mongodb_url) as api:
        yield api


async def _refused(api: Api, query: str, variables: dict[str, Any], as_: Any = REP_1) -> GraphQLFailure:
    before = (
        len(await api.outbox()),
        await api.db["accounts"].find({}, {"_id": 0}).to_list(None),
        await api.db["contacts"].find({}, {"_id": 0}).to_list(None),
    )
    with pytest.raises(GraphQLFailure) as caught:
        await api.call(query, variables, as_=as_)
    assert caught.value.errors[0]["message"]
    after = (
        len(await api.outbox()),
        await api.db["accounts"].find({}, {"_id": 0}).to_list(None),
        await api.db["contacts"].find({}, {"_id": 0}).to_list(None),
    )
    assert after == before, "a refused change wrote something"
    return caught.value


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"taxNumber": "04595258"}, "INVALID_TAX_NUMBER"),  # wrong check digit
        ({"taxNumber": "10458573"}, "INVALID_TAX_NUMBER"),  # a 7 in the seventh place does not save it
        ({"taxNumber": "1234567"}, "INVALID_TAX_NUMBER"),
        ({"phones": ["02-2345"]}, "INVALID_PHONE"),
        ({"phones": ["call me"]}, "INVALID_PHONE"),
        ({"name": "  "}, "BAD_USER_INPUT"),
    ],
)
async def test_bad_account_input_is_refused(api: Api, fields: dict[str, Any], code: str) -> None:
    failure = await _refused(api, CREATE_ACCOUNT, {"input": {"account": {"name": "Acme", **fields}}})
    assert failure.code == code


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"emails": ["wang@"]}, "INVALID_EMAIL"),
        ({"emails": ["wang@localhost"]}, "INVALID_EMAIL"),  # no domain
        ({"emails": ["wang.example.com"]}, "INVALID_EMAIL"),
        ({"phones": ["0912-345"]}, "INVALID_PHONE"),
    ],
)
async def test_bad_contact_input_is_refused(api: Api, fields: dict[str, Any], code: str) -> None:
    account = await create_account(api)
    payload = {"accountId": account["id"], "contact": {"name": "王小明", **fields}}
    failure = await _refused(api, CREATE_CONTACT, {"input": payload})
    assert failure.code == code


async def test_a_second_account_with_a_known_tax_number_is_refused(api: Api) -> None:
    await create_account(api, taxNumber="22099131")
    failure = await _refused(
        api, CREATE_ACCOUNT, {"input": {"account": {"name": "TSMC", "taxNumber": "22099131"}}}
    )
    assert failure.code == "ALREADY_EXISTS" and failure.details["field"] == "taxNumber"


async def test_an_account_is_not_merged_into_itself(api: Api) -> None:
    account = await create_account(api, as_=MANAGER_NORTH)
    payload = {"survivorId": account["id"], "mergedId": account["id"]}
    failure = await _refused(api, MERGE_ACCOUNTS, {"input": payload}, as_=MANAGER_NORTH)
    assert failure.code == "MERGE_INTO_ITSELF"


async def test_a_contact_is_not_merged_into_itself(api: Api) -> None:
    contact = await create_contact(
        api, (await create_account(api, as_=MANAGER_NORTH))["id"], as_=MANAGER_NORTH
    )
    payload = {"survivorId": contact["id"], "mergedId": contact["id"]}
    failure = await _refused(api, MERGE_CONTACTS, {"input": payload}, as_=MANAGER_NORTH)
    assert failure.code == "MERGE_INTO_ITSELF"


async def test_a_rep_may_not_merge(api: Api) -> None:
    one, two = await create_account(api), await create_account(api, name="Other")
    failure = await _refused(api, MERGE_ACCOUNTS, {"input": {"survivorId": one["id"], "mergedId": two["id"]}})
    assert failure.code == "FORBIDDEN"

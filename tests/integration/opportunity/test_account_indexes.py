"""The queries that match and find accounts and contacts are served by the indexes declared
beside them (checked with ``explain``, not with timings)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from services.opportunity.adapters.account_store import ACCOUNTS, CONTACTS
from services.opportunity.adapters.opportunity_repository import OPPORTUNITIES
from tests.integration.opportunity._graphql import Api, running_api
from tests.support.explain import index_names


@pytest.fixture(scope="module")
async def api(mongodb_url: str) -> AsyncIterator[Api]:
    async with running_api(mongodb_url, people=False) as api:
        yield api


@pytest.mark.parametrize(
    ("collection", "filter", "index"),
    [
        (ACCOUNTS, {"name_key": {"$in": ["台灣積體電路製造", "acme"]}}, "accounts_name_key"),
        (ACCOUNTS, {"tax_number": {"$in": ["22099131"]}}, "accounts_tax_number"),
        (ACCOUNTS, {"phone_keys": {"$in": ["+886223456789"]}}, "accounts_phone_keys"),
        (ACCOUNTS, {"search_tokens": "積體"}, "accounts_search_tokens"),
        (CONTACTS, {"email_keys": {"$in": ["wang@acme.example.com"]}}, "contacts_email_keys"),
        (CONTACTS, {"phone_keys": {"$in": ["+886912345678"]}}, "contacts_phone_keys"),
        (CONTACTS, {"account_id": {"$in": ["a1"]}}, "contacts_account_name"),
        (OPPORTUNITIES, {"account_id": "a1"}, "opp_account_created"),
        (OPPORTUNITIES, {"contact_ids": "c1"}, "opp_contacts"),
    ],
)
async def test_matching_and_search_queries_use_their_declared_index(
    api: Api, collection: str, filter: dict[str, Any], index: str
) -> None:
    assert index in await api.db[collection].index_information()
    explain = await api.db.command({"explain": {"find": collection, "filter": filter}})
    assert index_names(explain["queryPlanner"]["winningPlan"]) == {index}, explain["queryPlanner"]

"""The queries that match and find accounts and contacts are served by the indexes declared
beside them (checked with ``explain``, not with timings).

A list's filter leads with the clause the index answers (a search key, an exact key, the ids of
linked records, the owner or the team); what follows is flat conditions checked on what that
lookup finds (mongod plans it as an index scan with a filter; SecantusDB looks the first
indexable clause up the same way, though its ``explain`` reports only a filter an index covers
whole, so the lookup clause is explained on its own)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from services.opportunity.adapters.account_lists import list_filters
from services.opportunity.adapters.account_store import ACCOUNTS, CONTACTS
from services.opportunity.adapters.opportunity_repository import OPPORTUNITIES
from services.opportunity.application.account_ports import ListQuery, RecordScope
from services.opportunity.domain.account_search import read_search
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
        (ACCOUNTS, {"search_keys": "積體電路"}, "accounts_search_keys"),
        (CONTACTS, {"search_keys": "王大"}, "contacts_search_keys"),
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


ADMIN = RecordScope()
REP = RecordScope(owner_id="rep-1", linked_ids=("a1", "a2"))
MANAGER = RecordScope(team="north", linked_ids=("a3",))


@pytest.mark.parametrize(
    ("collection", "scope", "search", "ids", "indexes"),
    [
        (ACCOUNTS, ADMIN, "積體電路", None, ["accounts_search_keys"]),
        (ACCOUNTS, ADMIN, "Acme Co., Ltd.", None, ["accounts_search_keys"]),
        (ACCOUNTS, ADMIN, "臺灣積體電路製造股份有限公司", None, ["accounts_search_keys"]),
        (ACCOUNTS, REP, "鴻海 精密", None, ["accounts_search_keys", "accounts_search_keys"]),
        (ACCOUNTS, MANAGER, "acme", None, ["accounts_search_keys", "accounts_search_keys"]),
        (ACCOUNTS, ADMIN, "04595257", None, ["accounts_tax_number"]),
        (ACCOUNTS, REP, "04595257", None, ["accounts_tax_number", "accounts_tax_number"]),
        (ACCOUNTS, REP, None, ("a1", "a9"), ["_id_", "_id_"]),
        (ACCOUNTS, REP, None, None, ["accounts_owner", "_id_"]),
        (ACCOUNTS, MANAGER, None, None, ["accounts_team", "_id_"]),
        (CONTACTS, REP, "wang@acme.example.com", None, ["contacts_email_keys", "contacts_email_keys"]),
        (CONTACTS, ADMIN, "0912-345-678", None, ["contacts_phone_keys"]),
        (CONTACTS, MANAGER, "王大明", None, ["contacts_search_keys", "contacts_search_keys"]),
    ],
)
async def test_each_part_of_a_scoped_search_leads_with_a_clause_its_index_answers(
    api: Api, collection: str, scope: RecordScope, search: str | None, ids: tuple[str, ...] | None,
    indexes: list[str],
) -> None:  # fmt: skip
    query = ListQuery(scope=scope, search=read_search(search) if search else None, ids=ids)
    filters = list_filters(query)
    assert len(filters) == len(indexes)
    for filter, index in zip(filters, indexes, strict=True):
        # Flat: every clause is a field's condition, none an $or / $and the lookup cannot ride.
        assert not any(key.startswith("$") for key in filter), filter
        field, clause = next(iter(filter.items()))
        explain = await api.db.command({"explain": {"find": collection, "filter": {field: clause}}})
        assert index_names(explain["queryPlanner"]["winningPlan"]) == {index}, explain["queryPlanner"]


async def test_the_contacts_of_an_account_are_listed_by_its_index(api: Api) -> None:
    [filter] = list_filters(ListQuery(scope=ADMIN, account_id="a1"))
    field, clause = next(iter(filter.items()))
    explain = await api.db.command({"explain": {"find": CONTACTS, "filter": {field: clause}}})
    assert index_names(explain["queryPlanner"]["winningPlan"]) == {"contacts_account_name"}

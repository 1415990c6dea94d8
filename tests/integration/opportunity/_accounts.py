"""GraphQL documents and helpers for the account and contact tests of the opportunity API."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from servicekit.identity import Identity
from tests.integration.opportunity._graphql import REP_1, Api

ACCOUNT = "id name taxNumber industry phones { e164 extension } ownerId team origin mergedInto version"
CONTACT = "id accountId name title emails phones { e164 } doNotContact mergedInto version"

CREATE_ACCOUNT = f"mutation($input: CreateAccountInput!) {{ createAccount(input: $input) {{ {ACCOUNT} }} }}"
UPDATE_ACCOUNT = f"mutation($input: UpdateAccountInput!) {{ updateAccount(input: $input) {{ {ACCOUNT} }} }}"
CREATE_CONTACT = f"mutation($input: CreateContactInput!) {{ createContact(input: $input) {{ {CONTACT} }} }}"
MERGE_ACCOUNTS = f"mutation($input: MergeInput!) {{ mergeAccounts(input: $input) {{ {ACCOUNT} }} }}"
MERGE_CONTACTS = f"mutation($input: MergeInput!) {{ mergeContacts(input: $input) {{ {CONTACT} }} }}"
LINK = """mutation($input: LinkOpportunityAccountInput!) { linkOpportunityAccount(input: $input) {
  id version accountId contacts { contactId role } } }"""
ACCOUNTS = f"""query($search: String, $first: Int!, $after: String) {{ accounts(search: $search, first: $first, after: $after) {{
  nodes {{ {ACCOUNT} }} pageInfo {{ hasNextPage endCursor }} totalCount }} }}"""
PAGE = f"""query($id: ID!) {{ account(id: $id) {{ {ACCOUNT}
  contacts {{ {CONTACT} }}
  opportunities {{ id title status ownerId value {{ amount currency }} }}
  activities {{ id opportunityId kind }}
  openPipeline {{ amount currency }} wonRevenue {{ amount currency }} }} }}"""
TIMELINE = "query($id: ID!) { opportunity(id: $id) { id accountId timeline { kind summary dataJson } } }"


async def create_account(api: Api, as_: Identity = REP_1, **fields: Any) -> dict[str, Any]:
    payload = {"account": {"name": "台灣積體電路製造股份有限公司", **fields}}
    return (await api.call(CREATE_ACCOUNT, {"input": payload}, as_=as_))["createAccount"]


async def create_contact(api: Api, account_id: str, as_: Identity = REP_1, **fields: Any) -> dict[str, Any]:
    payload = {"accountId": account_id, "contact": {"name": "王小明", **fields}}
    return (await api.call(CREATE_CONTACT, {"input": payload}, as_=as_))["createContact"]


async def link(
    api: Api,
    opp: dict[str, Any],
    account_id: str,
    contacts: Sequence[tuple[str, str]] = (),
    as_: Identity = REP_1,
) -> dict[str, Any]:
    payload = {
        "opportunityId": opp["id"], "expectedVersion": opp["version"], "accountId": account_id,
        "contacts": [{"contactId": c, "role": r} for c, r in contacts],
    }  # fmt: skip
    return (await api.call(LINK, {"input": payload}, as_=as_))["linkOpportunityAccount"]

"""The opportunity service's accounts and contacts, as the gateway uses them: the documents it
sends (selecting only the account page's parts a client asked for) and the dicts it gets back."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gateway.adapters.opportunity_api import ACTIVITY, OPPORTUNITY
from gateway.adapters.services import ServiceClient, ServiceError
from servicekit.identity import Identity

PHONE = "phones { e164 extension }"
ACCOUNT = (
    f"id name taxNumber industry segment address {PHONE} website ownerId team origin sourceId mergedInto createdAt "
    "updatedAt version"
)
CARD_PHOTO = "cardPhoto { id filename contentType size sha256 uploadedAt uploadedBy downloadPath }"
CONTACT = (
    f"id accountId name title emails {PHONE} notes doNotContact ownerId team origin mergedInto createdAt "
    f"updatedAt version {CARD_PHOTO}"
)
MONEY = "{ amount currency }"
PAGE_PARTS = {
    "contacts": f"contacts {{ {CONTACT} }}",
    "opportunities": f"opportunities {{ {OPPORTUNITY} }}",
    "activities": f"activities {{ {ACTIVITY} }}",
    "openPipeline": f"openPipeline {MONEY}",
    "wonRevenue": f"wonRevenue {MONEY}",
}
"""The account page's fields: asked of the service only when a client selects them."""

MUTATIONS: dict[str, tuple[str, str]] = {
    "createAccount": ("CreateAccountInput", ACCOUNT),
    "updateAccount": ("UpdateAccountInput", ACCOUNT),
    "mergeAccounts": ("MergeInput", ACCOUNT),
    "createContact": ("CreateContactInput", CONTACT),
    "updateContact": ("UpdateContactInput", CONTACT),
    "mergeContacts": ("MergeInput", CONTACT),
    "linkOpportunityAccount": ("LinkOpportunityAccountInput", OPPORTUNITY),
}


def account_selection(parts: Iterable[str]) -> str:
    """The account's own fields and the page parts named (gateway field names, camelCase)."""
    return " ".join([ACCOUNT, *sorted(PAGE_PARTS[p] for p in set(parts) if p in PAGE_PARTS)])


class AccountApi:
    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    async def account(self, identity: Identity, account_id: str, parts: Iterable[str] = ()) -> dict[str, Any]:
        query = f"query($id: ID!) {{ account(id: $id) {{ {account_selection(parts)} }} }}"
        data = await self.client.execute(query, {"id": account_id}, identity)
        result: dict[str, Any] = data["account"]
        return result

    async def accounts_by_id(self, identity: Identity, ids: list[str]) -> list[dict[str, Any] | ServiceError]:
        return await self.client.execute_aliased("account(id: $)", ids, ACCOUNT, identity)

    async def page_parts(
        self, identity: Identity, ids: list[str], part: str
    ) -> list[dict[str, Any] | ServiceError]:
        """One account page part (``contacts``, ``wonRevenue`` ...) of many accounts, one call."""
        return await self.client.execute_aliased("account(id: $)", ids, f"id {PAGE_PARTS[part]}", identity)

    async def accounts(
        self, identity: Identity, *, filter: dict[str, Any], first: int, after: str | None
    ) -> dict[str, Any]:
        """A page; ``filter`` holds ``search``, ``ownerId`` and ``origin`` when given."""
        query = f"""query($search: String, $ownerId: ID, $origin: AccountOrigin, $first: Int!, $after: String) {{
          accounts(search: $search, ownerId: $ownerId, origin: $origin, first: $first, after: $after) {{
            nodes {{ {ACCOUNT} }} pageInfo {{ hasNextPage endCursor }} totalCount }} }}"""
        variables = {
            "search": None,
            "ownerId": None,
            "origin": None,
            **filter,
            "first": first,
            "after": after,
        }
        data = await self.client.execute(query, variables, identity)
        result: dict[str, Any] = data["accounts"]
        return result

    async def contact(self, identity: Identity, contact_id: str) -> dict[str, Any]:
        query = f"query($id: ID!) {{ contact(id: $id) {{ {CONTACT} }} }}"
        data = await self.client.execute(query, {"id": contact_id}, identity)
        result: dict[str, Any] = data["contact"]
        return result

    async def contacts(
        self, identity: Identity, *, search: str | None, account_id: str | None, first: int, after: str | None
    ) -> dict[str, Any]:
        query = f"""query($search: String, $accountId: ID, $first: Int!, $after: String) {{
          contacts(search: $search, accountId: $accountId, first: $first, after: $after) {{
            nodes {{ {CONTACT} }} pageInfo {{ hasNextPage endCursor }} totalCount }} }}"""
        variables = {"search": search, "accountId": account_id, "first": first, "after": after}
        data = await self.client.execute(query, variables, identity)
        result: dict[str, Any] = data["contacts"]
        return result

    async def attach_contact_card(
        self, identity: Identity, contact_id: str, file: tuple[str, bytes, str]
    ) -> dict[str, Any]:
        query = f"mutation($c: ID!, $file: Upload!) {{ result: attachContactCard(contactId: $c, file: $file) {{ {CONTACT} }} }}"
        data = await self.client.execute_upload(
            query, {"c": contact_id, "file": None}, {"variables.file": file}, identity
        )
        result: dict[str, Any] = data["result"]
        return result

    async def mutate(self, identity: Identity, name: str, variables: dict[str, Any]) -> Any:
        input_type, selection = MUTATIONS[name]
        query = f"mutation($input: {input_type}!) {{ result: {name}(input: $input) {{ {selection} }} }}"
        data = await self.client.execute(query, {"input": variables}, identity)
        return data["result"]

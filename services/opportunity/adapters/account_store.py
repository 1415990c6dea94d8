"""Accounts and contacts in MongoDB: lookups by id and by the matching keys, scoped lists with
keyset pages, and one ``commit`` through which every change goes.

``commit`` writes accounts, contacts and opportunities with their outbox rows in one transaction;
each replaced document must still have the version it was read at, else ``Conflict`` and nothing
is written. Merges and links touch several collections, so they need the one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pymongo import AsyncMongoClient
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError, DuplicateKeyError

from contracts.envelope import CloudEvent
from servicekit.mongo import Document, Index, find_by_ids, in_transaction
from servicekit.outbox import add_events
from services.opportunity.adapters.account_documents import (
    account_to_doc,
    contact_to_doc,
    doc_to_account,
    doc_to_contact,
)
from services.opportunity.adapters.account_lists import page
from services.opportunity.adapters.documents import doc_to_opportunity, opportunity_to_doc
from services.opportunity.adapters.opportunity_repository import OPPORTUNITIES
from services.opportunity.application.account_ports import Changes, ListQuery
from services.opportunity.application.queries import Page
from services.opportunity.domain.accounts import Account, Contact
from services.opportunity.domain.errors import AlreadyExists, Conflict
from services.opportunity.domain.opportunity import Opportunity

ACCOUNTS = "accounts"
CONTACTS = "contacts"
TAX_NUMBER_UNIQUE = "accounts_tax_number_unique"
_DUPLICATE_KEY = 11000


def _ix(collection: str, name: str, *keys: str, **options: Any) -> Index:
    return Index(collection, [(k, 1) for k in keys], name, **options)


# Matching keys (name, tax number, phone, e-mail), search keys, visibility (owner, team) and the
# list order.
ACCOUNT_INDEXES = [
    _ix(ACCOUNTS, "accounts_name_key", "name_key"),
    _ix(ACCOUNTS, "accounts_tax_number", "tax_number"),
    # A tax number names one live company. The check before a create or an edit gives the clear
    # error; this index makes two concurrent writes unable to both pass it. Merged records keep
    # their number but leave the index, so the survivor can take it over.
    _ix(
        ACCOUNTS,
        TAX_NUMBER_UNIQUE,
        "tax_number",
        unique=True,
        partial={"tax_number": {"$type": "string"}, "merged_into": {"$type": "null"}},
    ),
    _ix(ACCOUNTS, "accounts_phone_keys", "phone_keys"),
    # A search's key, then the list order: mongod reads a page of a search from the index in order.
    _ix(ACCOUNTS, "accounts_search_keys", "search_keys", "created_at", "_id"),
    _ix(ACCOUNTS, "accounts_owner", "owner_id", "created_at"),
    _ix(ACCOUNTS, "accounts_team", "team", "created_at"),
    _ix(ACCOUNTS, "accounts_created", "created_at", "_id"),
    _ix(CONTACTS, "contacts_account_name", "account_id", "name_key"),
    _ix(CONTACTS, "contacts_name_key", "name_key"),
    _ix(CONTACTS, "contacts_email_keys", "email_keys"),
    _ix(CONTACTS, "contacts_phone_keys", "phone_keys"),
    _ix(CONTACTS, "contacts_search_keys", "search_keys", "created_at", "_id"),
    _ix(CONTACTS, "contacts_owner", "owner_id", "created_at"),
    _ix(CONTACTS, "contacts_team", "team", "created_at"),
    _ix(CONTACTS, "contacts_created", "created_at", "_id"),
]


ACCOUNT_RETIRED_INDEXES = [(ACCOUNTS, "accounts_search_tokens"), (CONTACTS, "contacts_search_tokens")]
"""Replaced by the ``*_search_keys`` indexes (records keyed before them: the ``migrate`` back-fill)."""


class MongoAccounts:
    def __init__(self, client: AsyncMongoClient[Document], db: AsyncDatabase[Document]) -> None:
        self._client = client
        self._db = db
        self._accounts = db[ACCOUNTS]
        self._contacts = db[CONTACTS]
        self._opportunities = db[OPPORTUNITIES]

    # ---- reads ------------------------------------------------------------------------------

    async def account(self, id: str) -> Account | None:
        doc = await self._accounts.find_one({"_id": id})
        return None if doc is None else doc_to_account(doc)

    async def accounts(self, ids: Sequence[str]) -> dict[str, Account]:
        return {d["_id"]: doc_to_account(d) for d in await find_by_ids(self._accounts, list(set(ids)))}

    async def contact(self, id: str) -> Contact | None:
        doc = await self._contacts.find_one({"_id": id})
        return None if doc is None else doc_to_contact(doc)

    async def contacts(self, ids: Sequence[str]) -> dict[str, Contact]:
        return {d["_id"]: doc_to_contact(d) for d in await find_by_ids(self._contacts, list(set(ids)))}

    async def contacts_of(self, account_ids: Sequence[str]) -> list[Contact]:
        cursor = self._contacts.find({"account_id": {"$in": list(account_ids)}}).sort([("name_key", 1)])
        return [c for c in map(doc_to_contact, await cursor.to_list(None)) if c.merged_into is None]

    async def accounts_owned_by(self, owner_id: str) -> list[Account]:
        docs = await self._accounts.find({"owner_id": owner_id}).to_list(None)
        return [a for a in map(doc_to_account, docs) if a.merged_into is None]

    async def accounts_by(self, field: str, values: Sequence[str]) -> list[Account]:
        """Live accounts whose ``field`` (name_key, tax_number, phone_keys) is one of ``values``."""
        docs = await _by_key(self._accounts, field, values)
        return [doc_to_account(d) for d in docs]

    async def contacts_by(self, field: str, values: Sequence[str]) -> list[Contact]:
        """Live contacts whose ``field`` (name_key, email_keys, phone_keys) is one of ``values``."""
        docs = await _by_key(self._contacts, field, values)
        return [doc_to_contact(d) for d in docs]

    async def opportunities_of_account(self, account_id: str) -> list[Opportunity]:
        cursor = self._opportunities.find({"account_id": account_id}).sort([("created_at", 1)])
        return [doc_to_opportunity(d) for d in await cursor.to_list(None)]

    async def opportunities_of_contact(self, contact_id: str) -> list[Opportunity]:
        cursor = self._opportunities.find({"contact_ids": contact_id}).sort([("created_at", 1)])
        return [doc_to_opportunity(d) for d in await cursor.to_list(None)]

    async def account_ids_of_opportunities(self, *, owner_id: str | None, team: str | None) -> list[str]:
        """Accounts linked to the opportunities a rep owns (or a team holds)."""
        query = {"owner_id": owner_id} if owner_id is not None else {"team": team}
        ids = await self._opportunities.distinct("account_id", query)
        return [i for i in ids if i]

    async def contact_ids_of_opportunities(self, *, owner_id: str | None, team: str | None) -> list[str]:
        query = {"owner_id": owner_id} if owner_id is not None else {"team": team}
        return [i for i in await self._opportunities.distinct("contact_ids", query) if i]

    async def list_accounts(self, query: ListQuery) -> Page[Account]:
        return await page(self._accounts, query, doc_to_account)

    async def list_contacts(self, query: ListQuery) -> Page[Contact]:
        return await page(self._contacts, query, doc_to_contact)

    async def unlinked_customers(self) -> list[Opportunity]:
        """Opportunities whose customer is only a name (for the one-off migration)."""
        cursor = self._opportunities.find({"account_id": None}).sort([("created_at", 1), ("_id", 1)])
        return [doc_to_opportunity(d) for d in await cursor.to_list(None)]

    # ---- the one write path -----------------------------------------------------------------

    async def write(
        self, session: AsyncClientSession, changes: Changes, events: Sequence[CloudEvent]
    ) -> None:
        await _write(self._accounts, [(account_to_doc(a), v) for a, v in changes.accounts], session)
        await _write(self._contacts, [(contact_to_doc(c), v) for c, v in changes.contacts], session)
        opportunities: list[tuple[Document, int | None]] = [
            (opportunity_to_doc(o), v) for o, v in changes.opportunities
        ]
        await _write(self._opportunities, opportunities, session)
        await add_events(self._db, session, events)

    async def commit(self, changes: Changes, events: Sequence[CloudEvent]) -> None:
        async def work(session: AsyncClientSession) -> None:
            await self.write(session, changes, events)

        try:
            await in_transaction(self._client, work)
        except (DuplicateKeyError, BulkWriteError) as exc:
            _raise_already_exists(exc, changes)
            raise


def _raise_already_exists(exc: DuplicateKeyError | BulkWriteError, changes: Changes) -> None:
    """A duplicate key (an insert comes back as a bulk write error) as the domain's error."""
    details = exc.details or {}
    errors = details.get("writeErrors") or [details]
    duplicate = next((e for e in errors if e.get("code") == _DUPLICATE_KEY), None)
    if duplicate is None:
        return
    if TAX_NUMBER_UNIQUE in str(duplicate.get("errmsg", "")) or "tax_number" in (
        duplicate.get("keyPattern") or {}
    ):
        number = (duplicate.get("keyValue") or {}).get("tax_number") or next(
            (a.tax_number for a, _ in changes.accounts if a.tax_number), ""
        )
        raise AlreadyExists(
            f"An account with the tax number {number} already exists; link to it or merge.",
            {"field": "taxNumber"},
        ) from exc
    raise AlreadyExists("This record already exists.") from exc


async def _write(
    collection: AsyncCollection[Document],
    docs: list[tuple[Document, int | None]],
    session: AsyncClientSession,
) -> None:
    new = [doc for doc, version in docs if version is None]
    if new:
        await collection.insert_many(new, session=session)
    for doc, version in docs:
        if version is None:
            continue
        result = await collection.replace_one({"_id": doc["_id"], "version": version}, doc, session=session)
        if result.matched_count == 0:
            raise Conflict(
                "The record changed since it was read; reload it and try again.",
                {"id": doc["_id"], "expectedVersion": version},
            )


async def _by_key(collection: AsyncCollection[Document], field: str, values: Sequence[str]) -> list[Document]:
    wanted = sorted({v for v in values if v})
    found: list[Document] = []
    for start in range(0, len(wanted), 1000):
        # One key per query shape the index covers; merged records are dropped here rather than
        # in the filter, so the query stays a plain index lookup on every server.
        batch = wanted[start : start + 1000]
        found += await collection.find({field: {"$in": batch}}).to_list(None)
    return [d for d in found if d.get("merged_into") is None]

"""Back-fill of the search keys: accounts and contacts written before their keys existed (or
with keys of an older ``search_keys.VERSION``) get them, and lose the token field searches used
before (its index is dropped at start-up, ``ACCOUNT_RETIRED_INDEXES``).

The keys are derived data: writing them changes no record's version and publishes no event. A
record rewritten while the back-fill runs is skipped (its write stored the current keys
already). Running it again finds nothing left to do; a dry run counts and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pymongo import UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document
from services.opportunity.adapters.account_documents import (
    account_search_texts,
    contact_search_texts,
    search_fields,
)
from services.opportunity.adapters.account_store import ACCOUNTS, CONTACTS
from services.opportunity.domain.search_keys import VERSION

_STALE = {"search_version": {"$ne": VERSION}}
_READ = {"name": 1, "tax_number": 1, "phones": 1, "emails": 1, "version": 1}
_BATCH = 500


@dataclass
class BackfillReport:
    dry_run: bool
    keyed: dict[str, int] = field(default_factory=dict)
    """Records given their keys (or that would be), by collection."""


async def backfill_search_keys(db: AsyncDatabase[Document], *, dry_run: bool) -> BackfillReport:
    report = BackfillReport(dry_run=dry_run)
    texts: dict[str, Callable[[Document], list[str]]] = {
        ACCOUNTS: account_search_texts, CONTACTS: contact_search_texts,
    }  # fmt: skip
    for name, of in texts.items():
        collection = db[name]
        if dry_run:
            report.keyed[name] = await collection.count_documents(_STALE)
        else:
            report.keyed[name] = await _key(collection, of)
    return report


async def _key(collection: AsyncCollection[Document], texts: Callable[[Document], list[str]]) -> int:
    """One pass over the records without current keys, written in batches."""
    keyed = 0
    batch: list[UpdateOne] = []
    async for doc in collection.find(_STALE, _READ):
        change = {"$set": search_fields(*texts(doc)), "$unset": {"search_tokens": ""}}
        # Only the version read: a record rewritten since has its current keys already.
        batch.append(UpdateOne({"_id": doc["_id"], "version": doc.get("version")}, change))
        if len(batch) == _BATCH:
            keyed += (await collection.bulk_write(batch, ordered=False)).modified_count
            batch = []
    if batch:
        keyed += (await collection.bulk_write(batch, ordered=False)).modified_count
    return keyed

"""Matching an import's cards against existing contacts at scale (account search has its own
benchmark, ``test_account_search.py``).

- 10,000 cards against 100,000 contacts (one each at 100,000 accounts): the import's matching step
  (``load_directory`` and the per-card decisions, in the import's chunks of 500), beside the raw
  indexed lookups it cannot do without on the same server in the same run (per chunk, one
  ``$in`` on each key: name, e-mail, phone, tax number, then the accounts' contacts).

    .venv/bin/python -m pytest -q -m bench -s tests/bench/opportunity/test_account_matching.py
    (BENCH_ACCOUNTS, BENCH_CONTACTS, BENCH_CARDS scale it down for a quick look)
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document, ensure_indexes
from services.opportunity.adapters.account_documents import account_to_doc, contact_to_doc
from services.opportunity.adapters.account_store import ACCOUNT_INDEXES, ACCOUNTS, CONTACTS, MongoAccounts
from services.opportunity.adapters.opportunity_repository import OPPORTUNITY_INDEXES
from services.opportunity.application.import_matching import load_directory
from services.opportunity.domain.accounts import (
    AccountFields,
    AccountOrigin,
    ContactFields,
    new_account,
    new_contact,
)
from services.opportunity.domain.card_matching import CardKeys
from services.opportunity.domain.imports import ImportRow
from tests.bench.report import report

CONTACTS_N = int(os.environ.get("BENCH_CONTACTS", "100000"))
CARDS_N = int(os.environ.get("BENCH_CARDS", "10000"))
ACCOUNTS_N = int(os.environ.get("BENCH_ACCOUNTS", "100000"))
PER_ACCOUNT = max(1, CONTACTS_N // ACCOUNTS_N)
CHUNK = 500
NOW = datetime(2026, 12, 1, tzinfo=UTC)
_CITIES = ["台北", "新竹", "台中", "台南", "高雄", "桃園", "基隆", "嘉義"]
_TRADES = ["電子", "機械", "光電", "精密", "化工", "食品", "紡織", "塑膠"]


def _company(n: int) -> str:
    return f"{_CITIES[n % 8]}{_TRADES[n // 8 % 8]}{n}號股份有限公司"


async def _seed(db: AsyncDatabase[Document]) -> None:
    await ensure_indexes(db, [*ACCOUNT_INDEXES, *OPPORTUNITY_INDEXES])
    for start in range(0, ACCOUNTS_N, 2000):
        accounts, contacts = [], []
        for n in range(start, min(start + 2000, ACCOUNTS_N)):
            account = new_account(
                AccountFields(name=_company(n), phones=(f"02-{2000 + n // 10000:04d}-{n % 10000:04d}",)),
                id=f"a{n}", owner_id=f"rep-{n % 50}", team=f"team-{n % 5}", origin=AccountOrigin.IMPORT, by="bench",
                now=NOW,
            )  # fmt: skip
            accounts.append(account_to_doc(account))
            for k in range(PER_ACCOUNT):
                contacts.append(contact_to_doc(new_contact(
                    ContactFields(name=f"聯絡人{n}-{k}", emails=(f"p{n}.{k}@firm{n}.example.com",),
                                  phones=(f"09{(n * 2 + k) % 100_000_000:08d}",)),
                    id=f"c{n}.{k}", account=account, owner_id=account.owner_id, team=account.team,
                    origin=AccountOrigin.IMPORT, by="bench", now=NOW,
                )))  # fmt: skip
        await db[ACCOUNTS].insert_many(accounts)
        await db[CONTACTS].insert_many(contacts)


def _cards() -> list[ImportRow]:
    """Half known by e-mail (under another company spelling), a quarter by name, a quarter new."""
    rows = []
    for i in range(CARDS_N):
        n = (i * 7919) % ACCOUNTS_N
        if i % 4 < 2:
            company, email = f"Firm {n} Ltd.", f"p{n}.0@firm{n}.example.com"
        elif i % 4 == 2:
            company, email = _company(n).removesuffix("股份有限公司"), f"new{i}@firm{n}.example.com"
        else:
            company, email = f"新公司{i}", f"x{i}@new{i}.example.com"
        rows.append(ImportRow(
            line=i + 2, company=company, contact=f"名片{i}", title=None, phone=f"0933{i:06d}", email=email,
            product_interest=None, amount=Decimal(0), currency="TWD", notes=None,
        ))  # fmt: skip
    return rows


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


@pytest.mark.bench
@pytest.mark.timeout(3600)
async def test_matching_cards_at_scale(mongo_client, names) -> None:
    db = mongo_client[names.db("opportunity")]
    await _seed(db)
    store = MongoAccounts(mongo_client, db)
    cards = _cards()
    keys = [CardKeys.of(r) for r in cards]

    matched = {"NAME": 0, "EMAIL": 0, "PHONE": 0, "TAX_NUMBER": 0, "CREATED": 0}
    started = time.perf_counter()
    for start in range(0, CARDS_N, CHUNK):
        chunk = keys[start : start + CHUNK]
        directory = await load_directory(chunk, store)
        for card in chunk:
            _, how = directory.account_for(card)
            matched[how.value] += 1
    matching = time.perf_counter() - started

    started = time.perf_counter()
    for start in range(0, CARDS_N, CHUNK):
        chunk = keys[start : start + CHUNK]
        found = await db[ACCOUNTS].find({"name_key": {"$in": [c.company for c in chunk]}}).to_list(None)
        people = await db[CONTACTS].find({"email_keys": {"$in": [c.email for c in chunk]}}).to_list(None)
        people += await db[CONTACTS].find({"phone_keys": {"$in": [c.phone for c in chunk]}}).to_list(None)
        ids = list({d["_id"] for d in found} | {p["account_id"] for p in people})
        await db[CONTACTS].find({"account_id": {"$in": ids}}).to_list(None)
    raw = time.perf_counter() - started

    report(
        f"matching {CARDS_N:,} cards against {CONTACTS_N:,} contacts ({ACCOUNTS_N:,} accounts)",
        [
            ("matching step (chunks of 500)", f"{matching:.2f} s ({CARDS_N / matching:,.0f} cards/s)"),
            ("raw indexed lookups, same keys", f"{raw:.2f} s"),
            ("ratio matching/raw", f"{matching / raw:.2f}×"),
            ("accounts matched by", ", ".join(f"{k.lower()} {v}" for k, v in matched.items())),
        ],
    )
    assert matched["EMAIL"] >= CARDS_N // 2 - 1 and matched["CREATED"] >= CARDS_N // 4
    await mongo_client.drop_database(names.db("opportunity"))

"""Account search at 100,000 accounts: p50 and p95 of the use case (scope, search and page of 50
with its total), by role (admin, a manager, a rep) and by what is typed, beside a raw indexed
lookup of the same key with the same limit on the same server in the same run.

The accounts are named as Taiwanese companies are: a brand of three characters (unique), a trade
(16 of them), a legal form, a city before one in four; one in five has an English name instead
(40 words × 16 trades). One in three has a tax number; each has a phone and one contact with an
e-mail address and a mobile. The rep owns 1 in 50 accounts and has deals at 200 more; the
manager's team owns 1 in 5 and has deals at those 200.

    .venv/bin/python -m pytest -q -m bench -s tests/bench/opportunity/test_account_search.py
    (BENCH_ACCOUNTS and BENCH_SEARCHES, 20 per kind by default, a fifth of it for the trade word,
    scale it)
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import pytest
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.identity import Identity
from servicekit.mongo import Document, ensure_indexes
from services.opportunity.adapters.account_documents import account_to_doc, contact_to_doc
from services.opportunity.adapters.account_store import ACCOUNT_INDEXES, ACCOUNTS, CONTACTS, MongoAccounts
from services.opportunity.adapters.opportunity_repository import OPPORTUNITIES, OPPORTUNITY_INDEXES
from services.opportunity.application.accounts import list_accounts
from services.opportunity.domain.accounts import (
    AccountFields,
    AccountOrigin,
    ContactFields,
    new_account,
    new_contact,
)
from services.opportunity.domain.contact_points import phone_key
from services.opportunity.domain.search_keys import name_search
from services.opportunity.domain.tax_number import is_valid_tax_number
from tests.bench.report import report

ACCOUNTS_N = int(os.environ.get("BENCH_ACCOUNTS", "100000"))
SEARCHES = int(os.environ.get("BENCH_SEARCHES", "20"))
LINKED = 200
NOW = datetime(2026, 12, 1, tzinfo=UTC)
_BRAND = "宏達鴻海聯發華碩廣達仁寶緯創英業光寶台達研華友達群創南亞長春永豐統一大同東元聲寶國巨華新富邦遠東"
_TRADES = [
    "電子", "科技", "精密工業", "光電", "機械", "化學工業", "食品", "紡織", "塑膠", "生物科技", "材料",
    "半導體", "通訊", "能源", "物流", "國際貿易",
]  # fmt: skip
_TRADES_EN = [
    "Electronics", "Technology", "Precision", "Optoelectronics", "Machinery", "Chemical", "Foods",
    "Textile", "Plastics", "Biotech", "Materials", "Semiconductor", "Telecom", "Energy", "Logistics",
    "Trading",
]  # fmt: skip
_WORDS = [
    "Nova",
    "Apex",
    "Orion",
    "Zenith",
    "Summit",
    "Pacific",
    "Harbor",
    "Lumen",
    "Vertex",
    "Polaris",
    "Aurora",
    "Crest",
    "Delta",
    "Ember",
    "Falcon",
    "Granite",
    "Horizon",
    "Iris",
    "Jade",
    "Kestrel",
    "Lotus",
    "Meridian",
    "Nimbus",
    "Onyx",
    "Pioneer",
    "Quartz",
    "Radiant",
    "Sierra",
    "Titan",
    "Unity",
    "Vanguard",
    "Willow",
    "Xenon",
    "Yarrow",
    "Zephyr",
    "Atlas",
    "Beacon",
    "Cobalt",
    "Dynamo",
    "Everest",
]
_CITIES = ["台北", "新竹", "台中", "高雄"]
_SURNAMES = "陳林黃張李王吳劉蔡楊"
_GIVEN = "志明美玲淑芬家豪怡君俊傑雅婷建宏"
REP = Identity(user_id="rep-7", role="REP", team="team-2")
MANAGER = Identity(user_id="mgr-2", role="MANAGER", team="team-2")
ADMIN = Identity(user_id="admin", role="ADMIN")


def _brand(n: int) -> str:
    size = len(_BRAND)
    return _BRAND[n % size] + _BRAND[n // size % size] + _BRAND[n // size // size % size]


def name(n: int) -> str:
    trade = n * 7 % 16
    if n % 5 == 4:
        return f"{_WORDS[n // 5 % 40]} {_TRADES_EN[trade]} Co., Ltd."
    city = _CITIES[n // 4 % 4] if n % 4 == 0 else ""
    return f"{city}{_brand(n)}{_TRADES[trade]}{'股份有限公司' if n % 3 else '有限公司'}"


def tax_number(n: int) -> str | None:
    if n % 3:
        return None
    stem = f"{(n * 37) % 10_000_000:07d}"
    return next(stem + d for d in "0123456789" if is_valid_tax_number(stem + d))


def phone(n: int) -> str:
    return f"02-{2000 + n // 10000:04d}-{n % 10000:04d}"


def email(n: int) -> str:
    return f"p{n}@firm{n}.example.com"


def _owner(n: int) -> str:
    return f"rep-{n % 50}"


async def _seed(db: AsyncDatabase[Document]) -> None:
    await ensure_indexes(db, [*ACCOUNT_INDEXES, *OPPORTUNITY_INDEXES])
    for start in range(0, ACCOUNTS_N, 2000):
        accounts, contacts = [], []
        for n in range(start, min(start + 2000, ACCOUNTS_N)):
            owner = _owner(n)
            account = new_account(
                AccountFields(name=name(n), tax_number=tax_number(n), phones=(phone(n),)), id=f"a{n}",
                owner_id=owner, team=f"team-{n % 50 % 5}", origin=AccountOrigin.IMPORT, by="bench",
                now=NOW - timedelta(seconds=ACCOUNTS_N - n),
            )  # fmt: skip
            accounts.append(account_to_doc(account))
            person = ContactFields(
                name=_SURNAMES[n % 10] + _GIVEN[n // 10 % 16] + _GIVEN[n // 160 % 16], emails=(email(n),),
                phones=(f"09{n * 7 % 100_000_000:08d}",),
            )  # fmt: skip
            contacts.append(contact_to_doc(new_contact(
                person, id=f"c{n}", account=account, owner_id=owner, team=account.team,
                origin=AccountOrigin.IMPORT, by="bench", now=account.created_at,
            )))  # fmt: skip
        await db[ACCOUNTS].insert_many(accounts)
        await db[CONTACTS].insert_many(contacts)
    # The rep's deals at accounts others own: the accounts "linked to my opportunities".
    deals: list[Document] = [
        {"_id": f"o{i}", "owner_id": REP.user_id, "team": REP.team, "account_id": f"a{i * 491 % ACCOUNTS_N}",
         "contact_ids": [], "created_at": NOW}
        for i in range(LINKED)
    ]  # fmt: skip
    await db[OPPORTUNITIES].insert_many(deals)


def _targets(searches: int) -> list[int]:
    """Accounts searched for: every other one the rep's own, so scoped searches find some."""
    found = []
    for i in range(searches):
        n = (i * 7919 + 13) % ACCOUNTS_N
        found.append(n - n % 50 + 7 if i % 2 and n - n % 50 + 7 < ACCOUNTS_N else n)
    return found


def _chinese(n: int) -> str:
    m = n if n % 5 != 4 else n - 1  # an account with a Chinese name, next to it if need be
    return _brand(m)


def _latin(n: int) -> str:
    m = n - n % 5 + 4 if n - n % 5 + 4 < ACCOUNTS_N else n - n % 5 - 1
    return " ".join(w[:4] for w in name(m).split()[:2])


def _tax(n: int) -> str:
    m = n - n % 3
    number = tax_number(m)
    assert number is not None
    return number


Raw = Callable[[AsyncDatabase[Document], str], Awaitable[object]]


def _key_lookup(db: AsyncDatabase[Document], text: str) -> Awaitable[list[Document]]:
    wanted = name_search(text)
    assert wanted is not None
    return db[ACCOUNTS].find({"search_keys": wanted.key}).limit(51).to_list(51)


BROAD = "name, a Chinese trade word (~1 in 16)"
KINDS: list[tuple[str, Callable[[int], str], Raw]] = [
    ("name, Chinese brand", _chinese, _key_lookup),
    (BROAD, lambda n: _TRADES[n % 16][:2], _key_lookup),
    ("name, Latin words' starts", _latin, _key_lookup),
    ("phone (local form)", phone, lambda db, t: db[ACCOUNTS].find({"phone_keys": phone_key(t)}).to_list(51)),
    ("e-mail (a contact's)", email, lambda db, t: db[CONTACTS].find({"email_keys": t}).to_list(51)),
    ("tax number", _tax, lambda db, t: db[ACCOUNTS].find({"tax_number": t}).to_list(51)),
]


def _p(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


async def _ms(call: Awaitable[object]) -> float:
    started = time.perf_counter()
    await call
    return (time.perf_counter() - started) * 1000


@pytest.mark.bench
@pytest.mark.timeout(3600)
async def test_account_search_at_scale_by_role_and_kind(mongo_client, names) -> None:
    db = mongo_client[names.db("opportunity")]
    started = time.perf_counter()
    await _seed(db)
    seeding = time.perf_counter() - started
    store = MongoAccounts(mongo_client, db)
    rows: list[tuple[str, str]] = []
    everything: list[float] = []
    for kind, typed, raw in KINDS:
        timings: dict[str, list[float]] = {"admin": [], "manager": [], "rep": [], "raw": []}
        found = 0
        # A search that thousands of accounts match reads them all on the test server (it does
        # not stop at the page); fewer of them keep the run short.
        searches = max(2, SEARCHES // 5) if kind == BROAD else SEARCHES
        for n in _targets(searches):
            text = typed(n)
            for who, identity in (("admin", ADMIN), ("manager", MANAGER), ("rep", REP)):
                t = time.perf_counter()
                page = await list_accounts(identity, store, search=text, first=50, after=None)
                timings[who].append((time.perf_counter() - t) * 1000)
                found += page.total_count if who == "admin" else 0
                assert who != "admin" or page.total_count >= 1, (kind, text)
            timings["raw"].append(await _ms(raw(db, text)))
        raw95 = _p(timings["raw"], 95)
        figures = "; ".join(f"{who} {_p(v, 50):.0f} / {_p(v, 95):.0f}" for who, v in timings.items())
        worst = max(_p(timings[who], 95) for who in ("admin", "manager", "rep"))
        rows.append((kind, f"{figures} ms; worst p95/raw {worst / raw95:.1f}×; {found / searches:.0f} found"))
        if kind != BROAD:
            everything += [t for who in ("admin", "manager", "rep") for t in timings[who]]
    rows.append(("all but the trade word, every role", f"p95 {_p(everything, 95):.0f} ms"))
    report(
        f"account search at {ACCOUNTS_N:,} accounts, {SEARCHES} searches per kind "
        f"(p50 / p95 per role, raw indexed lookup of the same key; seeded in {seeding:.0f} s)",
        rows,
    )
    await mongo_client.drop_database(names.db("opportunity"))

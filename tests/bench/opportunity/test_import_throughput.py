"""Import of a 10,000-row CSV through the command-line tool (a separate process): rows per
second and the process's peak memory, beside a raw baseline on the same server in the same run
(the same documents and outbox rows inserted with PyMongo in transactions of 500, into
collections with the same indexes).

    make bench   (or: .venv/bin/python -m pytest -q -m bench -s tests/bench/opportunity/test_import_throughput.py)
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from servicekit.mongo import ensure_indexes, in_transaction
from servicekit.outbox import OUTBOX, OUTBOX_INDEXES
from services.opportunity.adapters.catalog_repositories import MongoUsers
from services.opportunity.adapters.opportunity_repository import OPPORTUNITY_INDEXES
from services.opportunity.domain.user import Role, new_user
from tests.bench.report import report
from tests.integration.opportunity._assignment_world import T0

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "10000"))
HEADER = "company,contact,title,phone,email,product interest,estimated amount,currency,notes\n"


def _csv(path: Path) -> None:
    lines = [
        f"展覽公司 {i} Co,聯絡人 {i},經理,02-{2000 + i // 10000:04d}-{i % 10000:04d},lead{i}@expo.example,感測器,"
        f"{(i % 90 + 10) * 1000},TWD,台北國際電子展 booth {i % 300}\n"
        for i in range(ROWS)
    ]
    path.write_bytes((HEADER + "".join(lines)).encode("cp950"))


def _run_measured(argv: list[str], env: dict[str, str], log: Path) -> tuple[int, int]:
    """Run a process and return its exit status and its own peak RSS in KiB (``wait4`` reports
    the resources of exactly that child)."""
    with log.open("wb") as output:
        process = subprocess.Popen(argv, env=env, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, usage.ru_maxrss


@pytest.mark.bench
@pytest.mark.timeout(3600)
async def test_importing_ten_thousand_rows(mongodb_url, mongo_client, names, tmp_path: Path) -> None:
    database = names.db("opportunity")
    db = mongo_client[database]
    await MongoUsers(mongo_client, db).add(
        new_user(id="rep-1", name="Rep", email="rep-1@example.com", role=Role.REP, now=T0, team="north"), []
    )
    csv = tmp_path / "expo.csv"
    _csv(csv)

    env = {**os.environ, "MONGODB_URL": mongodb_url, "OPPORTUNITY_DATABASE": database}
    started = time.perf_counter()
    status, peak_kib = await asyncio.to_thread(_run_measured, [
        sys.executable, "-m", "services.opportunity.entrypoints.import_cli", str(csv), "--to", "rep-1",
        "--close-in-days", "60",
    ], env, tmp_path / "import.log")  # fmt: skip
    seconds = time.perf_counter() - started
    assert status == 0, (tmp_path / "import.log").read_text()[-2000:]
    created = await db["opportunities"].count_documents({})
    assert created == ROWS

    # Raw baseline: the documents and outbox rows the import wrote, re-inserted as they are.
    raw = mongo_client[names.db("raw")]
    await ensure_indexes(raw, [*OPPORTUNITY_INDEXES, *OUTBOX_INDEXES])
    docs = await db["opportunities"].find({}).to_list(None)
    events = await db[OUTBOX].find({"type": "opportunity.created"}).to_list(None)
    started = time.perf_counter()
    for start in range(0, ROWS, 500):

        async def work(session, start=start):
            await raw["opportunities"].insert_many(docs[start : start + 500], session=session)
            await raw[OUTBOX].insert_many(events[start : start + 500], session=session)

        await in_transaction(mongo_client, work)
    raw_seconds = time.perf_counter() - started
    report(
        f"import of a {ROWS}-row Big5 CSV (command-line process)",
        [
            ("import wall time (incl. start-up)", f"{seconds:.2f} s ({ROWS / seconds:,.0f} rows/s)"),
            ("raw inserts, same docs + outbox", f"{raw_seconds:.2f} s ({ROWS / raw_seconds:,.0f} rows/s)"),
            ("ratio import/raw", f"{seconds / raw_seconds:.2f}×"),
            ("peak memory of the import process", f"{peak_kib / 1024:.0f} MiB (max RSS of that process)"),
        ],
    )
    await mongo_client.drop_database(database)
    await mongo_client.drop_database(names.db("raw"))

"""Creating and moving opportunities through the GraphQL API (a real uvicorn process, real HTTP)
against the raw rate of the same writes done directly with PyMongo (document + outbox row in
one transaction), on the same server in the same run; then the API process's memory after
10,000 opportunities.

    make bench    (or: .venv/bin/python -m pytest -q -m bench -s tests/bench/opportunity)
"""

from __future__ import annotations

import os
import uuid
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
from pymongo.asynchronous.client_session import AsyncClientSession

from servicekit.identity import IDENTITY_HEADER, Identity, sign_identity
from servicekit.mongo import ensure_indexes, in_transaction, open_client
from servicekit.outbox import OUTBOX, add_events
from services.opportunity.adapters.documents import opportunity_to_doc
from services.opportunity.adapters.indexes import ALL_INDEXES
from services.opportunity.application import events
from services.opportunity.domain.edits import NewOpportunity, create
from services.opportunity.domain.money import Money
from services.opportunity.domain.moves import move_stage
from services.opportunity.domain.pipeline import default_pipeline
from tests.bench.opportunity._api_process import SECRET, api_process, run_concurrently
from tests.bench.report import report
from tests.support.resources import cpu_seconds, rss_mib

pytestmark = pytest.mark.bench

COUNT = int(os.environ.get("BENCH_OPPORTUNITY_COUNT", "400"))
MEMORY_TARGET = int(os.environ.get("BENCH_OPPORTUNITY_MEMORY_COUNT", "10000"))
CONCURRENCY = 8
WARMUP = 24  # untimed operations first, on both sides: connection pools, caches, imports
ADMIN = Identity(user_id="bench-admin", role="ADMIN")
REP = Identity(user_id="bench-rep", role="REP", team="bench")
CREATE = """mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id version } }"""
MOVE = """mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { version } }"""


def _headers(identity: Identity) -> dict[str, str]:
    return {IDENTITY_HEADER: sign_identity(identity, SECRET, ttl=timedelta(hours=2))}


async def _raw_rates(mongodb_url: str, database: str) -> tuple[float, float]:
    """The same writes without the service: one transaction per change, document + outbox row."""
    client = open_client(mongodb_url)
    db = client[database]
    await ensure_indexes(db, ALL_INDEXES)  # the same collections, indexes included, as the service
    pipeline = default_pipeline(datetime.now(UTC))
    who = REP
    opps = [
        create(
            NewOpportunity(
                title=f"Raw {i}",
                customer_name="Acme",
                value=Money.of("1000.00", "TWD"),
                expected_close_date=date(2027, 1, 31),
                owner_id=who.user_id,
            ),
            id=uuid.uuid4().hex,
            pipeline=pipeline,
            team="bench",
            by=who.user_id,
            now=datetime.now(UTC),
        )
        for i in range(WARMUP + COUNT)
    ]

    async def insert(i: int) -> None:
        doc, event = opportunity_to_doc(opps[i]), events.opportunity_created(opps[i], who)

        async def work(session: AsyncClientSession) -> None:
            await db["opportunities"].insert_one(doc, session=session)
            await add_events(db, session, [event])

        await in_transaction(client, work)

    async def move(i: int) -> None:
        m = move_stage(opps[i], pipeline, "proposal", by=who.user_id, now=datetime.now(UTC))
        doc, event = opportunity_to_doc(m.after), events.stage_moved(m, who)

        async def work(session: AsyncClientSession) -> None:
            result = await db["opportunities"].replace_one(
                {"_id": doc["_id"], "version": 1}, doc, session=session
            )
            assert result.matched_count == 1
            await add_events(db, session, [event])

        await in_transaction(client, work)

    try:
        await run_concurrently(WARMUP, CONCURRENCY, insert)
        await run_concurrently(WARMUP, CONCURRENCY, move)
        create_seconds = await run_concurrently(COUNT, CONCURRENCY, insert, start=WARMUP)
        move_seconds = await run_concurrently(COUNT, CONCURRENCY, move, start=WARMUP)
        assert await db[OUTBOX].count_documents({}) == 2 * (WARMUP + COUNT)
    finally:
        await client.drop_database(database)
        await client.close()
    return COUNT / create_seconds, COUNT / move_seconds


@pytest.mark.timeout(1800)  # 10,000 creates on a shared machine can outlast the suite's 300 s default
async def test_api_write_rate_against_raw_pymongo_and_memory_after_10000(mongodb_url: str) -> None:
    token = uuid.uuid4().hex[:8]
    # The machine is shared: the raw rate is measured before and after the API's timed phase and
    # averaged, so a change in load during the run does not favour either side.
    raw_before = await _raw_rates(mongodb_url, f"bench_{token}_raw1")
    database = f"bench_{token}_opportunity"
    with api_process(mongodb_url, database) as (base, proc):
        async with httpx.AsyncClient(
            base_url=base, timeout=60, limits=httpx.Limits(max_connections=CONCURRENCY)
        ) as http:
            await http.post("/graphql", headers=_headers(ADMIN), json={"query": (
                'mutation { createUser(input: {id: "bench-rep", name: "Bench", email: "bench@example.com", '
                'role: REP, team: "bench"}) { id } }')})  # fmt: skip
            rep = _headers(REP)
            created: dict[int, str] = {}

            async def create_one(i: int) -> None:
                payload = {"title": f"Bench opportunity {i}", "customerName": f"Customer {i % 97}",
                           "amount": "125000.00", "currency": "TWD", "expectedCloseDate": "2027-01-31"}  # fmt: skip
                body = (
                    await http.post(
                        "/graphql", headers=rep, json={"query": CREATE, "variables": {"input": payload}}
                    )
                ).json()
                assert "errors" not in body, body
                created[i] = body["data"]["createOpportunity"]["id"]

            async def move_one(i: int) -> None:
                payload = {"id": created[i], "expectedVersion": 1, "stageKey": "proposal"}
                body = (
                    await http.post(
                        "/graphql", headers=rep, json={"query": MOVE, "variables": {"input": payload}}
                    )
                ).json()
                assert "errors" not in body, body

            await run_concurrently(WARMUP, CONCURRENCY, create_one)
            await run_concurrently(WARMUP, CONCURRENCY, move_one)
            cpu_0 = cpu_seconds(proc.pid)
            api_create = COUNT / await run_concurrently(COUNT, CONCURRENCY, create_one, start=WARMUP)
            cpu_1 = cpu_seconds(proc.pid)
            api_move = COUNT / await run_concurrently(COUNT, CONCURRENCY, move_one, start=WARMUP)
            cpu_2 = cpu_seconds(proc.pid)
            raw_after = await _raw_rates(mongodb_url, f"bench_{token}_raw2")
            rss_start, requests_so_far = rss_mib(proc.pid), 2 * len(created)
            remaining = MEMORY_TARGET - len(created)
            fill_seconds = await run_concurrently(remaining, CONCURRENCY, create_one, start=len(created))
            listing = await http.post(
                "/graphql",
                headers=rep,
                json={
                    "query": "{ opportunities(first: 200) { totalCount nodes { id stageHistory { durationSeconds } } } }"
                },
            )
            total = listing.json()["data"]["opportunities"]["totalCount"]
            rss_end = rss_mib(proc.pid)

    raw_create = (raw_before[0] + raw_after[0]) / 2
    raw_move = (raw_before[1] + raw_after[1]) / 2
    report(
        f"opportunity API vs raw PyMongo (same server, same run, concurrency {CONCURRENCY}, {COUNT} each)",
        [
            (
                "create: raw txn (doc + outbox)",
                f"{raw_create:8.1f} /s  (before {raw_before[0]:.1f}, after {raw_after[0]:.1f})",
            ),
            ("create: GraphQL API over HTTP", f"{api_create:8.1f} /s"),
            ("create: API / raw", f"{api_create / raw_create:8.1%}   (goal >= 30%)"),
            ("create: API process CPU per request", f"{1000 * (cpu_1 - cpu_0) / COUNT:8.1f} ms"),
            (
                "move:   raw txn (doc + outbox)",
                f"{raw_move:8.1f} /s  (before {raw_before[1]:.1f}, after {raw_after[1]:.1f})",
            ),
            ("move:   GraphQL API over HTTP", f"{api_move:8.1f} /s"),
            ("move:   API / raw", f"{api_move / raw_move:8.1%}   (goal >= 30%)"),
            ("move:   API process CPU per request", f"{1000 * (cpu_2 - cpu_1) / COUNT:8.1f} ms"),
            (f"API RSS after {requests_so_far} requests", f"{rss_start:8.1f} MiB"),
            (
                f"API RSS after {total} opportunities",
                f"{rss_end:8.1f} MiB  (filled at {remaining / fill_seconds:.1f}/s)",
            ),
        ],
    )
    assert total == MEMORY_TARGET

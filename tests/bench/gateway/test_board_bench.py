"""Board query (50 opportunities with owner, stage, source, pipeline and alert count) through the
gateway and the real services, against a no-I/O strawberry server returning the same shape: the
ceiling for Python GraphQL on this machine. Also what the parse/validation caches buy, and each
process's memory at idle and under load. ``make bench`` prints the figures."""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import orjson
import pytest

from servicekit.identity import Identity
from tests.e2e._client import FrontEnd
from tests.e2e._system import free_port, running_processes
from tests.support.resources import cpu_seconds, listening_pid, rss_mib
from tests.support.waiting import wait_until

pytestmark = [pytest.mark.bench, pytest.mark.timeout(1200)]

BOARD = """query Board($first: Int!) { opportunities(first: $first) { totalCount nodes {
  id title value { amount currency } stage { key nameEn kind } probability { effective }
  owner { id name } source { name kind } pipeline { name } pendingAlertCount } } }"""
ADMIN = Identity(user_id="bench-admin", role="ADMIN")
CONCURRENCY = 8
REQUESTS = 150
ROUNDS = 3
ROOT = Path(__file__).resolve().parents[3]


async def load(url: str, headers: dict[str, str], requests: int = REQUESTS) -> dict[str, float]:
    """``requests`` boards, ``CONCURRENCY`` at a time. The client shares the machine with the
    system it measures, so it is aiohttp: about a tenth of httpx's CPU per request (httpx took
    2.0-2.9 ms a board here, a tenth of what the whole system spends on one)."""
    latencies: list[float] = []
    failures: list[object] = []
    body = orjson.dumps({"query": BOARD, "variables": {"first": 50}})
    headers = {**headers, "content-type": "application/json"}
    connector = aiohttp.TCPConnector(limit=CONCURRENCY)
    async with aiohttp.ClientSession(
        base_url=url, connector=connector, timeout=aiohttp.ClientTimeout(total=60)
    ) as client:

        async def board() -> dict[str, Any]:
            async with client.post("/graphql", data=body, headers=headers) as response:
                response.raise_for_status()
                answer: dict[str, Any] = orjson.loads(await response.read())
                return answer

        for _ in range(5):  # warm up connections and caches
            await board()
        remaining = requests

        async def worker() -> None:
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                started = time.perf_counter()
                answer = await board()
                latencies.append(time.perf_counter() - started)
                if answer.get("errors") or len(answer["data"]["opportunities"]["nodes"]) != 50:
                    failures.append(answer.get("errors"))

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    if failures:
        print(f"\n{len(failures)} of {len(latencies)} answers had errors, e.g. {failures[0]}")
    return {
        "failed": float(len(failures)),
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
    }


async def seed(front: FrontEnd) -> None:
    reps = []
    for i in range(5):
        created = await front("mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
                              i={"name": f"Rep {i}", "email": f"bench{i}@example.com", "role": "REP", "team": "t"})  # fmt: skip
        reps.append(created["createUser"]["id"])
    sources = [
        (
            await front(
                "mutation($i: SourceInput!) { createSource(input: $i) { id } }",
                i={"name": f"S{i}", "kind": "EXPO"},
            )
        )["createSource"]["id"]
        for i in range(3)
    ]

    async def create(i: int) -> None:
        await front("mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }",
                    i={"title": f"Deal {i}", "customerName": f"C{i}", "amount": "1000.00", "currency": "TWD",
                       "expectedCloseDate": "2030-01-01", "ownerId": reps[i % 5], "sourceId": sources[i % 3]})  # fmt: skip

    for start in range(0, 50, 10):
        await asyncio.gather(*(create(i) for i in range(start, start + 10)))
    await front.eventually(BOARD, lambda d: len(d["opportunities"]["nodes"]) == 50, first=50)


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def _row(name: str, figures: dict[str, float]) -> str:
    return f"{name:<34} {figures['rps']:>8.1f} req/s   p50 {figures['p50_ms']:>7.1f} ms   p99 {figures['p99_ms']:>7.1f} ms"


async def test_board_through_the_gateway_against_the_ceiling(mongodb_url, amqp_url, tmp_path):
    ceiling_port = free_port()
    ceiling = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.bench.gateway._ceiling_app", str(ceiling_port), cwd=ROOT
    )
    try:
        # A load test from one user at one address is what the rate limits are there to stop.
        with running_processes(
            mongodb_url, amqp_url, tmp_path / "logs", RATE_LIMIT_PER_USER="", RATE_LIMIT_PER_ADDRESS=""
        ) as system:
            async with httpx.AsyncClient(base_url=system.gateway_url, timeout=60) as http:
                front = FrontEnd(http, ADMIN)
                await seed(front)
            headers = {"authorization": f"Bearer {front.token}"}

            async def ceiling_up() -> bool:
                try:
                    async with httpx.AsyncClient() as c:
                        r = await c.post(
                            f"http://127.0.0.1:{ceiling_port}/graphql", json={"query": "{ __typename }"}
                        )
                    return r.status_code == 200
                except httpx.HTTPError:
                    return False

            await wait_until(ceiling_up, timeout=30)
            labels = sorted(system.ports)  # every process of the system
            idle = {label: rss_mib(system.pid(label)) for label in labels}
            # Where a board's CPU goes: every process of the system, and the database server.
            pids = {label: system.pid(label) for label in labels}
            if (database := listening_pid(mongodb_url)) is not None:
                pids["database (shared)"] = database
            spent = dict.fromkeys(pids, 0.0)
            ceiling_cpu = client_cpu = 0.0
            # The two in turns, round after round: this machine's speed drifts within a minute.
            rounds = []
            for _ in range(ROUNDS):
                started = cpu_seconds(ceiling.pid)
                base = await load(f"http://127.0.0.1:{ceiling_port}", {})
                ceiling_cpu += cpu_seconds(ceiling.pid) - started
                before = {label: cpu_seconds(pid) for label, pid in pids.items()}
                client_started = time.process_time()
                gateway = await load(system.gateway_url, headers)
                for label, pid in pids.items():
                    spent[label] += cpu_seconds(pid) - before[label]
                client_cpu += time.process_time() - client_started
                rounds.append((base, gateway))
            busy = {label: rss_mib(system.pid(label)) for label in labels}

        with running_processes(
            mongodb_url,
            amqp_url,
            tmp_path / "logs-nocache",
            PARSER_CACHE_SIZE="0",
            RATE_LIMIT_PER_USER="",
            RATE_LIMIT_PER_ADDRESS="",
        ) as plain:
            async with httpx.AsyncClient(base_url=plain.gateway_url, timeout=60) as http:
                front = FrontEnd(http, ADMIN)
                await seed(front)
            uncached = await load(plain.gateway_url, {"authorization": f"Bearer {front.token}"})
    finally:
        ceiling.terminate()
        await asyncio.wait_for(ceiling.wait(), 10)

    base, gateway = (_median([r[side] for r in rounds]) for side in (0, 1))
    print("\nBoard of 50 (owner, stage, source, pipeline, alert count), "
          f"{REQUESTS} requests, {CONCURRENCY} concurrent, same machine, same run; median of {ROUNDS} rounds")  # fmt: skip
    print(_row("ceiling: no-I/O strawberry server", base))
    print(_row("gateway + services (caches on)", gateway))
    print(_row("gateway + services (caches off)", uncached))
    ratios = [g["rps"] / b["rps"] for b, g in rounds]
    print(f"gateway / ceiling: {statistics.median(ratios):.1%} of the request rate (goal >= 50%); "
          f"each round {', '.join(f'{r:.1%}' for r in ratios)}")  # fmt: skip
    print(f"parse+validation caches, end to end: {gateway['rps'] / uncached['rps'] - 1:+.1%} request rate "
          "(within this machine's noise; see the in-process figure)")  # fmt: skip
    per_request = (REQUESTS + 5) * ROUNDS  # the warm-up requests are in the figures too
    print(f"CPU per request (ms): ceiling {ceiling_cpu / per_request * 1000:.1f} on its one process; "
          f"gateway + services {sum(spent.values()) / per_request * 1000:.1f} in all (background work included), of which")  # fmt: skip
    for label, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {label:<24} {seconds / per_request * 1000:6.1f}")
    print(f"  and the load generator (this process, same cores) {client_cpu / per_request * 1000:.1f}")
    print("memory (RSS MiB)          idle    under load")
    for label in idle:
        print(f"  {label:<24} {idle[label]:>6.1f}    {busy[label]:>6.1f}")


def test_what_the_parse_and_validation_caches_save_per_request():
    """Measured in-process, where a shared machine's noise does not drown a few milliseconds."""
    from graphql import parse, specified_rules
    from strawberry.extensions.parser_cache import _get_parse_cache
    from strawberry.extensions.validation_cache import _get_validate_cache
    from strawberry.schema.schema import validate_document

    from gateway.api.limits.analysis import measure_operation
    from gateway.api.schema import build_schema

    schema = build_schema()._schema
    rules = tuple(specified_rules)
    parse_cached, validate_cached = _get_parse_cache(512), _get_validate_cache(512)
    rounds = 500

    def per_request(work) -> float:
        started = time.perf_counter()
        for _ in range(rounds):
            work()
        return (time.perf_counter() - started) / rounds * 1000

    uncached = per_request(lambda: validate_document(schema, parse(BOARD, max_tokens=2000), rules))
    cached = per_request(lambda: validate_cached(schema, parse_cached(BOARD, max_tokens=2000), rules))
    limits = per_request(
        lambda: measure_operation(schema, parse_cached(BOARD, max_tokens=2000), None, {"first": 50})
    )
    print(f"\nparse + validate the board query: {uncached:.3f} ms uncached, {cached:.3f} ms cached "
          f"({uncached / cached:.0f}x); the limits' own walk: {limits:.3f} ms")  # fmt: skip

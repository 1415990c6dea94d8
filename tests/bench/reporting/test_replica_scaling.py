"""Two reporting consumer processes against one, as operations would scale them: each replica is
``python -m services.reporting.entrypoints.consumer``, and together they drain one backlog from
the shared queue. Run with ``make bench``."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import statistics
import sys
import time
import uuid
from dataclasses import dataclass

import httpx
import pytest

from contracts.envelope import CloudEvent
from servicekit.mongo import open_client
from services.reporting.adapters.projection_store import MongoProjectionStore
from tests.bench.reporting.queues import declare_consumer_queue, delete_queues, raw_bulk_insert_rate, raw_rate
from tests.conftest import Names, free_port
from tests.integration.reporting.harness import facts_applied, opportunity_event_count, publish, settings_for
from tests.support.histories import generate
from tests.support.rabbit import remember_prefix
from tests.support.resources import CpuReading, CpuUse, listening_pid

pytestmark = pytest.mark.bench
OPPORTUNITIES = 6_000
"""About 20,000 events: more than two replicas hold in flight (8,192 each), so both stay busy."""
ROUNDS = 3
POLL_SECONDS = 0.1
"""How often each replica's ``/metrics`` is read (it reads /proc too: kept rare)."""
APPLIED = re.compile(r'^events_consumed_total\{(?=[^}]*outcome="applied")[^}]*\} ([0-9.e+]+)$', re.M)


async def _ready(client: httpx.AsyncClient, port: int) -> bool:
    try:
        return (await client.get(f"http://127.0.0.1:{port}/health/ready")).status_code == 200
    except httpx.HTTPError:
        return False


async def _applied(client: httpx.AsyncClient, port: int) -> float:
    """The events the replica on ``port`` applied (none while it is still starting)."""
    try:
        text = (await client.get(f"http://127.0.0.1:{port}/metrics")).text
    except httpx.HTTPError:
        return 0.0
    return sum(float(value) for value in APPLIED.findall(text))


@dataclass(frozen=True)
class Run:
    rate: float
    """Events a second."""
    cores_busy: float
    """The machine's cores kept busy meanwhile, by the replicas, the database and the broker."""
    replica_cpu_ms: float
    """CPU the replica processes spent per event, together."""
    database_cpu_ms: float | None
    """CPU the database server spent per event (when it runs on this machine)."""


async def _run(mongodb_url: str, amqp_url: str, events: list[CloudEvent], replicas: int) -> Run:
    """The replica processes applying a queue that holds every event: timed from the last
    moment none of them consumed yet until their counts add up to every event."""
    names = Names(uuid.uuid4().hex[:12])
    remember_prefix(names.queue_prefix)
    settings = settings_for(names, mongodb_url, amqp_url)
    client = open_client(mongodb_url)
    await MongoProjectionStore(client, settings.database).prepare()
    await declare_consumer_queue(settings)
    await publish(amqp_url, settings.exchange, events)
    server = listening_pid(mongodb_url)
    ports = [free_port() for _ in range(replicas)]
    env = {
        **os.environ, "MONGODB_URL": mongodb_url, "AMQP_URL": amqp_url, "DATABASE": settings.database,
        "EXCHANGE": settings.exchange, "QUEUE_PREFIX": settings.queue_prefix, "LOG_LEVEL": "WARNING",
        # Rollups are rebuilt in rounds of their own; this measures the projection alone.
        "ROLLUP_INTERVAL_SECONDS": "3600",
    }  # fmt: skip
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-m", "services.reporting.entrypoints.consumer",
            env={**env, "PORT": str(port)},
            stderr=asyncio.subprocess.DEVNULL,
        )
        for port in ports
    ]  # fmt: skip
    try:
        async with httpx.AsyncClient(timeout=5) as http:
            watched = [p.pid for p in processes] + ([server] if server else [])
            started, cpu = time.perf_counter(), CpuReading.of(watched)
            while not any([await _ready(http, port) for port in ports]):
                started, cpu = time.perf_counter(), CpuReading.of(watched)
                await asyncio.sleep(0.01)
            async with asyncio.timeout(900):
                # Polled: the counts live in the other processes.
                while sum([await _applied(http, port) for port in ports]) < len(events):
                    assert all(p.returncode is None for p in processes), "a replica process exited"
                    await asyncio.sleep(POLL_SECONDS)
            elapsed = time.perf_counter() - started
            used = CpuUse.between(cpu, CpuReading.of(watched))
        applied = await facts_applied(client, settings, opportunity_event_count(events))
        assert await applied(), "every event was counted, so every fact must be stored"
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
        await delete_queues(amqp_url, [settings.queue_name, f"{settings.queue_name}.dlq"], settings.exchange)
        await client.drop_database(settings.database)
        await client.close()
    per_event = 1000 / len(events)
    replicas_cpu, database_cpu = used.processes[:replicas], used.processes[replicas:]
    return Run(
        len(events) / elapsed,
        used.cores_busy,
        sum(replicas_cpu) * per_event,
        database_cpu[0] * per_event if database_cpu else None,
    )


def _median_ms(values: list[float | None]) -> str:
    known = [v for v in values if v is not None]
    return f"{statistics.median(known):.3f} ms" if known else "not on this machine"


async def test_two_replica_processes_against_one(mongodb_url, amqp_url) -> None:
    events = sorted(generate(OPPORTUNITIES, seed=9), key=lambda e: (e.time, e.sequence))
    raws, ones, twos, writers = [], [], [], []
    for _ in range(ROUNDS):
        raws.append(await raw_rate(amqp_url, events))
        ones.append(await _run(mongodb_url, amqp_url, events, 1))
        twos.append(await _run(mongodb_url, amqp_url, events, 2))
        # What the server itself does with a second writer, the replicas' work aside.
        writers.append(
            (await raw_bulk_insert_rate(mongodb_url, 1), await raw_bulk_insert_rate(mongodb_url, 2))
        )
    print(f"\nreporting consumer processes, {len(events):,} events of {OPPORTUNITIES:,} opportunities, "
          f"median of {ROUNDS} rounds, on {os.cpu_count()} cores shared with the database and the broker")  # fmt: skip
    print(f"  raw ceiling (aiormq)      {statistics.median(raws):7.0f} msg/s")
    for label, runs in (("1 replica ", ones), ("2 replicas", twos)):
        print(f"  {label}                {statistics.median(r.rate for r in runs):7.0f} events/s; "
              f"CPU an event: replicas {statistics.median(r.replica_cpu_ms for r in runs):.3f} ms, "
              f"database {_median_ms([r.database_cpu_ms for r in runs])}; "
              f"{statistics.median(r.cores_busy for r in runs):.2f} cores busy")  # fmt: skip
    print(f"  1 replica against raw: {statistics.median(o.rate / r for r, o in zip(raws, ones, strict=True)):.1%}; "
          f"2 replicas against 1: {statistics.median(t.rate / o.rate for o, t in zip(ones, twos, strict=True)):.2f}x")  # fmt: skip
    print(f"  raw bulk inserts into the same server, 2 writers against 1: "
          f"{statistics.median(two / one for one, two in writers):.2f}x "
          f"({statistics.median(one for one, _ in writers):.0f} and {statistics.median(two for _, two in writers):.0f} documents/s)")  # fmt: skip
    print("  each round (raw / 1 / 2 / writers 1 / 2): " + ", ".join(
        f"{r:.0f} / {o.rate:.0f} / {t.rate:.0f} / {w1:.0f} / {w2:.0f}"
        for r, o, t, (w1, w2) in zip(raws, ones, twos, writers, strict=True)
    ))  # fmt: skip

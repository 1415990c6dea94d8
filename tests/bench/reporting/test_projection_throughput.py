"""Projection throughput against the raw ceiling (a consumer on the same transport and settings
that only acknowledges), on the same broker in the same run.
Run with ``make bench``. Two replicas against one are measured as separate processes, as
operations run them, in ``test_replica_scaling.py`` (in one process they share one core)."""

from __future__ import annotations

import asyncio
import os
import statistics
import time
import uuid

import pytest

from contracts.envelope import CloudEvent
from servicekit.bus import Consumer
from servicekit.mongo import open_client
from services.reporting.adapters.projection_store import MongoProjectionStore
from services.reporting.bootstrap import build_projection, queue_spec
from tests.bench.reporting.queues import declare_consumer_queue, delete_queues, raw_rate
from tests.conftest import Names
from tests.integration.reporting.harness import (
    Replica,
    facts_applied,
    opportunity_event_count,
    publish,
    settings_for,
)
from tests.support.histories import generate
from tests.support.rabbit import remember_prefix
from tests.support.waiting import Countdown, moment_before

pytestmark = pytest.mark.bench
OPPORTUNITIES = 600
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "9"))


async def _projection_rate(names: Names, mongodb_url: str, amqp_url: str, events: list[CloudEvent]) -> float:
    """Events per second a replica applies from a queue that already holds every event, timed
    like the raw rate: from the start of consuming until the last one is applied."""
    settings = settings_for(names, mongodb_url, amqp_url)
    client = open_client(mongodb_url)
    await MongoProjectionStore(client, settings.database).prepare()
    await declare_consumer_queue(settings)
    running: Replica | None = None
    try:
        await publish(amqp_url, settings.exchange, events)
        countdown = Countdown(len(events))
        handler = countdown.counting((await build_projection(settings, client))[1])
        consumer = Consumer(settings.amqp_url, settings.exchange, queue_spec(settings), handler, name="bench")
        # Timed like the raw consumer: from subscribing (connecting to the broker and declaring
        # the queues, a tenth of a second, are not consuming) until the last event is applied.
        running = Replica(consumer)
        started = await moment_before(lambda: consumer.consuming, timeout=20)
        await asyncio.wait_for(countdown.finished.wait(), timeout=1800)
        elapsed = time.perf_counter() - started
        applied = await facts_applied(client, settings, opportunity_event_count(events))
        assert await applied(), "every event was handled, so every fact must be stored"
    finally:
        if running is not None:
            await running.close()
        await delete_queues(amqp_url, [settings.queue_name, f"{settings.queue_name}.dlq"], settings.exchange)
        await client.drop_database(settings.database)
        await client.close()
    return len(events) / elapsed


@pytest.mark.usefixtures("consumer_heap")
async def test_projection_throughput_against_raw_consume(mongodb_url, amqp_url) -> None:
    # In time order, as the outbox relay publishes them (one opportunity's events spread out).
    events = sorted(generate(OPPORTUNITIES, seed=9), key=lambda e: (e.time, e.sequence))
    # The baseline's thousands of single inserts are not retryable writes: the test server
    # records each retryable write for half an hour and, past 10,000 records, sorts them all on
    # every write, which made every later measurement slower round after round (the baseline
    # itself fell from 750 to 76 inserts a second in six rounds).
    client = open_client(mongodb_url, retryWrites=False)
    scratch = client[f"bench_{uuid.uuid4().hex[:8]}"]["raw"]
    rounds: list[tuple[float, float, float]] = []
    # The machine is shared: each round measures all three back to back, and the figures are
    # the medians over the rounds, with every round's ratios printed beside them.
    for _ in range(ROUNDS):
        raw = await raw_rate(amqp_url, events)
        raw_insert = await raw_rate(amqp_url, events, with_insert=scratch)
        one = await _projection_rate(_fresh(), mongodb_url, amqp_url, events)
        rounds.append((raw, raw_insert, one))
    await client.drop_database(scratch.database.name)
    await client.close()
    raw, raw_insert, one = (statistics.median(column) for column in zip(*rounds, strict=True))
    # The ratios are each round's, whose figures were measured back to back: the machine's load
    # drifts between rounds (the raw rate alone swings by half), so a round's raw rate is the one
    # to compare its projection with.
    of_raw = statistics.median(r[2] / r[0] for r in rounds)
    of_raw_insert = statistics.median(r[2] / r[1] for r in rounds)
    print(
        f"\nreporting projection, {len(events)} events of {OPPORTUNITIES} opportunities, median of {ROUNDS} rounds"
    )
    print(f"  raw ceiling (aiormq, same queue)    {raw:9.0f} msg/s")
    print(f"  raw consume + one plain insert       {raw_insert:9.0f} msg/s")
    print(f"  projection, 1 replica               {one:9.0f} events/s  ({of_raw:6.1%} of raw, "
          f"{of_raw_insert:6.1%} of raw+insert; goal >= 50% of raw)")  # fmt: skip
    print("  each round: 1 replica / raw " + ", ".join(f"{r[2] / r[0]:.1%}" for r in rounds))


def _fresh() -> Names:
    """Names of its own for each projection run (its database, exchange and queues)."""
    names = Names(uuid.uuid4().hex[:12])
    remember_prefix(names.queue_prefix)  # deleted at the end of the session if a run fails
    return names

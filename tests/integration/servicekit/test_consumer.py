"""The consumer loop: manual acks, dead-lettering, and recovery from a dropped connection."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence

import aio_pika
import pytest
from pydantic import BaseModel

from contracts import CloudEvent
from servicekit.batching import BatchingHandler
from servicekit.bus import Consumer, QueueSpec, declare_exchange, encode
from tests.conftest import Names
from tests.support.events import source_renamed
from tests.support.rabbit import close_connections_named, queue_message_count
from tests.support.waiting import wait_until

Handler = Callable[[CloudEvent, BaseModel], Awaitable[None]]


async def publish(amqp_url: str, exchange: str, *bodies: bytes, routing_key: str = "source.updated") -> None:
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel(publisher_confirms=True)
        ex = await declare_exchange(channel, exchange)
        for body in bodies:
            await ex.publish(aio_pika.Message(body, delivery_mode=2), routing_key=routing_key)
    finally:
        await connection.close()


@pytest.fixture
async def run_consumer(
    amqp_url: str, names: Names
) -> AsyncIterator[Callable[[Handler], Awaitable[Consumer]]]:
    running: list[tuple[asyncio.Event, asyncio.Task[None]]] = []

    async def start(handler: Handler) -> Consumer:
        spec = QueueSpec(name=f"{names.queue_prefix}events", bindings=["source.#"], delivery_limit=2)
        consumer = Consumer(
            amqp_url, names.exchange, spec, handler, name=f"c-{names.token}", reconnect_delay=0.2
        )
        stop = asyncio.Event()
        running.append((stop, asyncio.create_task(consumer.run(stop))))
        await wait_until(lambda: consumer.consuming, timeout=10)
        return consumer

    yield start
    for stop, task in running:
        stop.set()
        await task
    connection = await aio_pika.connect(amqp_url)
    channel = await connection.channel()
    for queue in (f"{names.queue_prefix}events", f"{names.queue_prefix}events.dlq"):
        await channel.queue_delete(queue)
    await connection.close()


@pytest.mark.parametrize("fails", ["while handling", "before handing back an awaitable"])
async def test_a_message_that_keeps_failing_ends_in_the_dead_letter_queue(
    amqp_url: str, names: Names, run_consumer: Callable[[Handler], Awaitable[Consumer]], fails: str
) -> None:
    attempts: list[str] = []

    async def always_fails(event: CloudEvent, _: BaseModel) -> None:
        attempts.append(event.id)
        raise RuntimeError("downstream is broken")

    def fails_at_once(event: CloudEvent, _: BaseModel) -> Awaitable[None]:
        attempts.append(event.id)
        raise RuntimeError("no batch to join")

    await run_consumer(always_fails if fails == "while handling" else fails_at_once)
    await publish(amqp_url, names.exchange, encode(source_renamed("src-1", 1)))

    dlq = f"{names.queue_prefix}events.dlq"
    await wait_until(lambda: _count_is(amqp_url, dlq, 1), 20)
    # The first delivery and two redeliveries (never left unsettled), then the broker gives up.
    assert len(attempts) == 3


async def test_an_undecodable_message_is_dead_lettered_without_reaching_the_handler(
    amqp_url: str, names: Names, run_consumer: Callable[[Handler], Awaitable[Consumer]]
) -> None:
    handled: list[str] = []

    async def record(event: CloudEvent, _: BaseModel) -> None:
        handled.append(event.id)

    await run_consumer(record)
    await publish(amqp_url, names.exchange, b"{not json", b'{"specversion": "1.0"}')
    await publish(amqp_url, names.exchange, encode(source_renamed("src-1", 1)))

    await wait_until(lambda: _has(handled, 1), 10)
    dlq = f"{names.queue_prefix}events.dlq"
    await wait_until(lambda: _count_is(amqp_url, dlq, 2), 10)
    assert len(handled) == 1


async def test_the_consumer_comes_back_after_the_broker_drops_its_connection(
    amqp_url: str, names: Names, run_consumer: Callable[[Handler], Awaitable[Consumer]]
) -> None:
    handled: set[str] = set()

    async def record(event: CloudEvent, _: BaseModel) -> None:
        handled.add(event.id)

    consumer = await run_consumer(record)
    first = source_renamed("src-1", 1)
    await publish(amqp_url, names.exchange, encode(first))
    await wait_until(lambda: _has(handled, 1), 10)

    assert await close_connections_named(f"c-{names.token}") == 1
    await wait_until(lambda: consumer.consuming, 10)
    second = source_renamed("src-1", 2)
    await publish(amqp_url, names.exchange, encode(second))

    await wait_until(lambda: _has(handled, 2), 10)
    assert handled == {first.id, second.id}


async def test_a_poison_event_in_a_batch_is_dead_lettered_and_the_others_are_applied_once(
    amqp_url: str, names: Names, run_consumer: Callable[[Handler], Awaitable[Consumer]]
) -> None:
    # Given a batching handler that cannot apply one event, among good ones handed over together
    applied: Counter[str] = Counter()
    poison_attempts: list[str] = []

    async def apply(batch: Sequence[tuple[CloudEvent, BaseModel]]) -> None:
        if any(event.subject == "poison" for event, _ in batch):
            poison_attempts.append(",".join(event.subject for event, _ in batch))
            raise RuntimeError("cannot apply poison")
        applied.update(event.subject for event, _ in batch)

    consumer = await run_consumer(BatchingHandler(apply, max_batch=100, linger=0.05))
    subjects = ["src-1", "src-2", "poison", "src-3", "src-4"]
    await publish(amqp_url, names.exchange, *(encode(source_renamed(s, 1)) for s in subjects))

    # Then the poison one ends in the dead-letter queue after its delivery limit
    await wait_until(lambda: _count_is(amqp_url, f"{names.queue_prefix}events.dlq", 1), 20)
    await wait_until(lambda: _has(list(applied), 4), 10)

    # And once the connection is dropped and comes back, nothing applied is delivered again:
    # every good delivery was acked, even those after the poison one in its batch
    assert await close_connections_named(f"c-{names.token}") == 1
    await wait_until(lambda: consumer.consuming, 10)
    await publish(amqp_url, names.exchange, encode(source_renamed("src-5", 1)))
    await wait_until(lambda: _has(list(applied), 5), 10)
    assert applied == Counter({"src-1": 1, "src-2": 1, "src-3": 1, "src-4": 1, "src-5": 1})
    assert len([a for a in poison_attempts if a == "poison"]) >= 2  # redelivered alone, then dead


async def test_a_delivery_still_being_handled_is_not_acked_with_the_ones_after_it(
    amqp_url: str, names: Names, run_consumer: Callable[[Handler], Awaitable[Consumer]]
) -> None:
    # Given a first event whose first handling never finishes, and two quick ones after it
    attempts: Counter[str] = Counter()
    finished: list[str] = []
    release = asyncio.Event()

    async def handle(event: CloudEvent, _: BaseModel) -> None:
        attempts[event.subject] += 1
        if event.subject == "slow" and attempts["slow"] == 1:
            await release.wait()
        finished.append(event.subject)

    consumer = await run_consumer(handle)
    await publish(amqp_url, names.exchange, *(encode(source_renamed(s, 1)) for s in ["slow", "a", "b"]))
    await wait_until(lambda: _has(finished, 2), 10)

    # When the connection drops while the first one is still being handled
    assert await close_connections_named(f"c-{names.token}") == 1
    await wait_until(lambda: consumer.consuming, 10)

    # Then the broker delivers it again (the acks of the later ones did not cover it)
    try:
        await wait_until(lambda: "slow" in finished, 10)
    finally:
        release.set()
    assert attempts["slow"] == 2


async def _has(items: set[str] | list[str], n: int) -> bool:
    return len(items) >= n


async def _count_is(amqp_url: str, queue: str, n: int) -> bool:
    return await queue_message_count(amqp_url, queue) == n


async def test_the_consumer_comes_back_after_the_broker_closes_only_its_channel(
    amqp_url: str, names: Names, run_consumer: Callable[[Handler], Awaitable[Consumer]]
) -> None:
    """A protocol error closes the channel and leaves the connection open; a consumer that
    waited only for the connection would stop consuming without noticing."""
    handled: set[str] = set()

    async def record(event: CloudEvent, _: BaseModel) -> None:
        handled.add(event.id)

    consumer = await run_consumer(record)
    assert consumer._connection is not None
    transport = consumer._connection.transport
    assert transport is not None
    channel = next(iter(transport.connection.channels.values()))
    assert channel is not None
    await channel.basic_ack(987654)  # a delivery tag the broker never gave: it closes the channel
    await wait_until(lambda: channel.is_closed, 10)

    def reconnected() -> bool:
        return (
            consumer.consuming
            and consumer._connection is not None
            and consumer._connection.transport is not transport
        )

    await wait_until(lambda: reconnected(), 10)
    event = source_renamed("src-2", 1)
    await publish(amqp_url, names.exchange, encode(event))
    await wait_until(lambda: _has(handled, 1), 10)
    assert handled == {event.id}

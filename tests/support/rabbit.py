"""Broker helpers for tests: collect what a queue receives, and drop chosen connections."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import aio_pika
from aio_pika.abc import AbstractConnection, AbstractIncomingMessage, AbstractQueue
from aiormq.abc import DeliveredMessage

from servicekit.bus import AckWindow, QueueSpec, declare_exchange, declare_queue


@dataclass
class Collector:
    """A test-owned queue bound to an exchange; records every message body it receives."""

    connection: AbstractConnection
    queue: AbstractQueue
    received: list[dict[str, Any]] = field(default_factory=list)
    _arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def _on_message(self, message: AbstractIncomingMessage) -> None:
        self.received.append(json.loads(message.body))
        await message.ack()
        self._arrived.set()

    async def wait_for(self, predicate: Callable[[list[dict[str, Any]]], bool], timeout: float) -> None:
        async def until() -> None:
            while not predicate(self.received):
                self._arrived.clear()
                await self._arrived.wait()

        await asyncio.wait_for(until(), timeout)

    async def drain(self, timeout: float = 30) -> None:
        """Wait until every message already routed to the queue is received: a marker is put at
        the queue's tail (confirmed), and a queue delivers in order, so once the marker is in,
        so is all before it. Call it once the publishers are stopped (their confirmed messages
        are in the queue): a duplicate they published is received by then, with no fixed wait."""
        marker = {"marker": uuid.uuid4().hex}
        channel = await self.connection.channel(publisher_confirms=True)
        try:
            body = json.dumps(marker).encode()
            await channel.default_exchange.publish(aio_pika.Message(body), routing_key=self.queue.name)
        finally:
            await channel.close()
        await self.wait_for(lambda got: marker in got, timeout)
        self.received.remove(marker)

    async def close(self) -> None:
        await self.queue.delete(if_unused=False, if_empty=False)
        await self.connection.close()


async def collect(amqp_url: str, exchange: str, queue: str, bindings: Sequence[str]) -> Collector:
    connection = await aio_pika.connect(amqp_url)
    channel = await connection.channel()
    events = await declare_exchange(channel, exchange)
    q = await channel.declare_queue(queue, durable=False, auto_delete=False)
    for key in bindings:
        await q.bind(events, routing_key=key)
    collector = Collector(connection, q)
    await q.consume(collector._on_message)
    return collector


async def close_connections_named(fragment: str) -> int:
    """Close, from the broker's side, every connection whose name contains ``fragment``: what a
    broker restart or a network cut does to those clients, without touching anyone else's."""
    listing = await _rabbitmqctl("list_connections", "-q", "--no-table-headers", "pid", "client_properties")
    pids = [
        line.split("\t", 1)[0]
        for line in listing.splitlines()
        if "\t" in line and '"connection_name","' in line and fragment in line
    ]
    for pid in pids:
        await _rabbitmqctl("close_connection", pid, "closed by test")
    return len(pids)


async def _rabbitmqctl(*args: str) -> str:
    proc = await asyncio.create_subprocess_exec(
        "rabbitmqctl", *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"rabbitmqctl {' '.join(args)} failed: {err.decode()[-500:]}")
    return out.decode()


async def queue_message_count(amqp_url: str, queue: str) -> int:
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel()
        declared = await channel.declare_queue(queue, passive=True)
        return declared.declaration_result.message_count or 0
    finally:
        await connection.close()


_TEST_PREFIXES: list[str] = []


def remember_prefix(prefix: str) -> None:
    """Note a queue/exchange name prefix a test uses, so the run deletes what it left behind."""
    _TEST_PREFIXES.append(prefix)


async def delete_test_objects(amqp_url: str) -> int:
    """Delete the queues and exchanges whose names start with a remembered prefix.

    Quorum queues live on in the broker after the test that declared them; a machine that runs
    the suite again and again would otherwise collect thousands of them."""
    if not _TEST_PREFIXES:
        return 0
    prefixes = tuple(_TEST_PREFIXES)
    queues = [
        q
        for q in (await _rabbitmqctl("list_queues", "-q", "--no-table-headers", "name")).split()
        if q.startswith(prefixes)
    ]
    exchanges = [
        e
        for e in (await _rabbitmqctl("list_exchanges", "-q", "--no-table-headers", "name")).split()
        if e.startswith(prefixes)
    ]
    connection = await aio_pika.connect(amqp_url)
    try:
        for name in queues:
            channel = await connection.channel()
            await channel.queue_delete(name)
            await channel.close()
        for name in exchanges:
            channel = await connection.channel()
            await channel.exchange_delete(name)
            await channel.close()
    finally:
        await connection.close()
    return len(queues) + len(exchanges)


async def raw_ceiling_rate(
    amqp_url: str,
    exchange: str,
    spec: QueueSpec,
    count: int,
    each: Callable[[DeliveredMessage], Awaitable[object]] | None = None,
    timeout: float = 600,
) -> float:
    """Messages a second a consumer that does nothing but acknowledge takes from ``spec``'s
    queue, which holds ``count`` of them, timed from its ``basic.consume``: the ceiling the
    consumer benchmarks compare with. Same transport and settings as ``servicekit.bus.Consumer``
    (aiormq deliveries, the queue's prefetch, acks shared through an ``AckWindow``), so the
    ratio measures the consumer's own work, not a slower client. ``each``: work done for every
    message before it counts as applied."""
    done = asyncio.Event()
    seen = 0
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel()
        await channel.set_qos(prefetch_count=spec.prefetch)
        await declare_queue(channel, exchange, spec)
        transport = await channel.get_underlay_channel()
        acks = AckWindow(transport)

        async def on_delivery(message: DeliveredMessage) -> None:
            nonlocal seen
            tag = message.delivery_tag
            assert tag is not None
            acks.received(tag)
            if each is not None:
                await each(message)
            acks.applied(tag)
            seen += 1
            if seen == count:
                done.set()

        started = time.perf_counter()
        await transport.basic_consume(spec.name, on_delivery)
        await asyncio.wait_for(done.wait(), timeout)
        elapsed = time.perf_counter() - started
        await acks.drain()
        return count / elapsed
    finally:
        await connection.close()

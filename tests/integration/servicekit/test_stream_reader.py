"""Reading a change stream ahead: a change is handed over as soon as it is read, what came
meanwhile comes together and in order, and a quiet stream says so with a token to resume from."""

from __future__ import annotations

import time

from pymongo import AsyncMongoClient

from servicekit.mongo import Document
from servicekit.stream_reader import StreamEnded, StreamReader
from tests.conftest import Names

INSERTS = [{"$match": {"operationType": "insert"}}]


async def test_a_change_is_handed_over_as_soon_as_it_is_read(
    mongo_client: AsyncMongoClient[Document], names: Names
) -> None:
    collection = mongo_client[names.db("reader")]["things"]
    # A stream whose every look may wait 4 s for something new
    stream = await collection.watch(INSERTS, max_await_time_ms=4000)
    reader = StreamReader(stream, ahead=10)
    try:
        await collection.insert_one({"n": 1})
        written = time.perf_counter()
        changes, _ = await reader.take(10)
        waited = time.perf_counter() - written
    finally:
        await reader.close()
        await stream.close()
    assert [c["fullDocument"]["n"] for c in changes] == [1]
    assert waited < 2.0, waited


async def test_changes_read_while_the_taker_was_busy_come_together_in_order_up_to_the_limit(
    mongo_client: AsyncMongoClient[Document], names: Names
) -> None:
    collection = mongo_client[names.db("reader")]["things"]
    stream = await collection.watch(INSERTS, max_await_time_ms=100)
    reader = StreamReader(stream, ahead=10)
    batches: list[list[int]] = []
    try:
        await collection.insert_many([{"n": n} for n in range(7)])
        while sum(len(b) for b in batches) < 7:
            changes, _ = await reader.take(3)
            if changes:
                batches.append([c["fullDocument"]["n"] for c in changes])
        # Then, with nothing more, the stream says it is quiet and where to resume
        changes, quiet = await reader.take(3)
        while changes or quiet is None:
            changes, quiet = await reader.take(3)
    finally:
        await reader.close()
        await stream.close()
    assert [n for batch in batches for n in batch] == list(range(7))
    assert all(len(batch) <= 3 for batch in batches)
    assert len(batches) < 7, "every change came alone"
    assert quiet.token


async def test_a_stream_that_fails_fails_the_taker(
    mongo_client: AsyncMongoClient[Document], names: Names
) -> None:
    collection = mongo_client[names.db("reader")]["things"]
    stream = await collection.watch(INSERTS, max_await_time_ms=100)
    reader = StreamReader(stream, ahead=10)
    try:
        await collection.insert_one({"n": 1})
        await reader.take(10)
        # When the collection goes, the stream is invalidated and the reading ends
        await collection.drop()
        failed: BaseException | None = None
        for _ in range(100):
            try:
                await reader.take(10)
            except Exception as exc:
                failed = exc
                break
    finally:
        await reader.close()
        await stream.close()
    assert isinstance(failed, StreamEnded), failed

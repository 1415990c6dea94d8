"""An administrator replays the retained events to one queue, so a consumer can rebuild."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import aio_pika
import pytest

from servicekit.outbox import OUTBOX, REPLAY_ORDER, replay_query
from tests.conftest import Names
from tests.integration.opportunity._graphql import ADMIN, REP_1, Api, GraphQLFailure, running_api
from tests.support.explain import index_names
from tests.support.waiting import wait_until

REPLAY = "mutation($queue: String!, $types: [String!]) { replayEvents(queue: $queue, types: $types) }"


@pytest.fixture
async def api(mongodb_url: str, amqp_url: str) -> AsyncIterator[Api]:
    async with running_api(mongodb_url, amqp_url=amqp_url) as running:
        yield running


async def drain(amqp_url: str, queue: str, expected: int) -> list[dict[str, object]]:
    connection = await aio_pika.connect(amqp_url)
    received: list[dict[str, object]] = []
    try:
        channel = await connection.channel()
        q = await channel.declare_queue(queue, passive=True)

        async def got_all() -> bool:
            while (message := await q.get(no_ack=True, fail=False)) is not None:
                received.append(json.loads(message.body))
            return len(received) >= expected

        await wait_until(got_all, timeout=20)
        await q.delete(if_unused=False, if_empty=False)
    finally:
        await connection.close()
    return received


async def declare(amqp_url: str, queue: str) -> None:
    connection = await aio_pika.connect(amqp_url)
    await (await connection.channel()).declare_queue(queue, durable=True)
    await connection.close()


async def test_an_admin_replays_every_retained_event_to_a_queue_in_order(
    api: Api, amqp_url: str, names: Names
) -> None:
    opportunity = await api.create()
    await api.move(opportunity, "validate")
    queue = f"{names.queue_prefix}rebuild"
    await declare(amqp_url, queue)

    replayed = (await api.call(REPLAY, {"queue": queue}, as_=ADMIN))["replayEvents"]

    rows = await api.outbox()
    assert replayed == len(rows)
    received = await drain(amqp_url, queue, replayed)
    assert {e["id"] for e in received} == {r["_id"] for r in rows}
    ours = [e["type"] for e in received if e["subject"] == opportunity["id"]]
    assert ours == ["opportunity.created", "opportunity.stage_changed"]


async def test_a_replay_can_be_limited_to_some_event_types(api: Api, amqp_url: str, names: Names) -> None:
    await api.create()
    await api.create(title="Second deal")
    queue = f"{names.queue_prefix}rebuild"
    await declare(amqp_url, queue)

    replayed = (await api.call(REPLAY, {"queue": queue, "types": ["opportunity.created"]}))["replayEvents"]

    assert replayed == 2
    assert {e["type"] for e in await drain(amqp_url, queue, 2)} == {"opportunity.created"}


@pytest.mark.parametrize(
    ("variables", "as_", "code"),
    [
        ({"queue": "somewhere"}, REP_1, "FORBIDDEN"),
        ({"queue": "no-such-queue-for-replay"}, ADMIN, "NOT_FOUND"),
        ({"queue": "amq.gen-x"}, ADMIN, "BAD_USER_INPUT"),
        ({"queue": "ok", "types": ["opportunity.exploded"]}, ADMIN, "BAD_USER_INPUT"),
    ],
)
async def test_a_replay_that_cannot_be_done_is_refused_with_a_clear_code(
    api: Api, variables: dict[str, object], as_: object, code: str
) -> None:
    with pytest.raises(GraphQLFailure) as refused:
        await api.call(REPLAY, variables, as_=as_)  # type: ignore[arg-type]
    assert refused.value.code == code


async def test_a_replay_reads_the_log_in_order_from_an_index(api: Api) -> None:
    """However long the log grows, a replay streams it from the index that gives its order."""
    await api.create()
    indexes = await api.db[OUTBOX].index_information()
    assert indexes["outbox_replay_order"]["key"] == REPLAY_ORDER
    assert "outbox_created_at" not in indexes  # its key starts the replay order's: retired
    for since in (None, datetime(2026, 1, 1, tzinfo=UTC)):
        command = {"find": OUTBOX, "filter": replay_query(None, since, None), "sort": dict(REPLAY_ORDER)}
        explain = await api.db.command({"explain": command})
        assert index_names(explain["queryPlanner"]["winningPlan"]) == {"outbox_replay_order"}

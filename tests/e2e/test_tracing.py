"""Traces across the running processes: one stage move, followed from the gateway's request
through the opportunity service and its database, the outbox relay and the broker, to the
consumers, as an OTLP collector receives them."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from servicekit.identity import Identity
from tests.e2e._client import FrontEnd
from tests.e2e._system import running_processes
from tests.support.otlp import Collector, ReceivedSpan, running_collector
from tests.support.waiting import wait_until

pytestmark = pytest.mark.timeout(300)

ADMIN = Identity(user_id="trace-admin", role="ADMIN", name="Admin")
CREATE_USER = "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }"
CREATE = "mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id version } }"
MOVE = "mutation($i: MoveOpportunityStageInput!) { moveOpportunityStage(input: $i) { id version } }"


@pytest.fixture(scope="module")
def traced(mongodb_url, amqp_url, tmp_path_factory):
    with running_collector() as collector:
        # A short export delay: the test waits for spans, not for the default five seconds.
        env = {"OTEL_EXPORTER_OTLP_ENDPOINT": collector.url, "OTEL_BSP_SCHEDULE_DELAY": "200"}
        with running_processes(
            mongodb_url, amqp_url, tmp_path_factory.mktemp("logs"), every_process=env
        ) as system:
            yield system, collector


def _in_trace(collector: Collector, trace_id: str) -> list[ReceivedSpan]:
    return [s for s in collector.received() if s.trace_id == trace_id]


async def test_a_stage_move_is_one_trace_from_the_gateway_to_the_consumers(traced):
    system, collector = traced
    async with httpx.AsyncClient(base_url=system.gateway_url, timeout=60) as http:
        admin = FrontEnd(http, ADMIN)
        rep = (await admin(CREATE_USER, i={"name": "Tia", "email": "tia@trace.example", "role": "REP"}))[
            "createUser"
        ]
        close = (datetime.now(UTC).date() + timedelta(days=30)).isoformat()
        created = (
            await admin(
                CREATE,
                i={"title": "Traced deal", "customerName": "Trace Co.", "amount": "1000.00",
                   "currency": "TWD", "expectedCloseDate": close, "ownerId": rep["id"]},
            )
        )["createOpportunity"]  # fmt: skip

        # The front end starts the trace (as a browser's tracing would) so the test knows its id.
        trace_id = secrets.token_hex(16)
        move = {"id": created["id"], "expectedVersion": created["version"], "stageKey": "validate"}
        response = await http.post(
            "/graphql",
            json={"query": MOVE, "variables": {"i": move}},
            headers={"authorization": f"Bearer {admin.token}",
                     "traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"},
        )  # fmt: skip
        assert not response.json().get("errors"), response.json()

    def has(spans: list[ReceivedSpan], service: str, kind: str) -> bool:
        return any(s.service == service and s.kind == kind for s in spans)

    async def all_hops_arrived() -> bool:
        spans = _in_trace(collector, trace_id)
        return all(
            has(spans, service, kind)
            for service, kind in (
                ("gateway", "SERVER"), ("opportunity-api", "SERVER"), ("opportunity-relay", "PRODUCER"),
                ("reporting-consumer", "CONSUMER"), ("notifications-consumer", "CONSUMER"),
                ("gateway", "CONSUMER"),
            )
        )  # fmt: skip

    await wait_until(all_hops_arrived, timeout=60, interval=0.2)
    spans = _in_trace(collector, trace_id)
    by_id = {s.span_id: s for s in spans}

    def parent(span: ReceivedSpan) -> ReceivedSpan:
        return by_id[span.parent_span_id]

    # Probes are not traced (the harness polled every /health/ready while starting).
    assert not [s for s in collector.received() if "/health/" in s.name or "/metrics" in s.name]
    # No span per ASGI message: a request is one server span.
    assert not [s for s in spans if s.kind == "INTERNAL" and s.name.endswith(("http send", "http receive"))]
    # The gateway's server span and its call to the opportunity service, which the service's
    # server span continues; under it the service's MongoDB commands, among them the outbox row
    # written in the change's transaction.
    [outbox_insert] = [
        s for s in spans
        if s.service == "opportunity-api" and s.attributes.get("db.mongodb.collection") == "outbox"
    ]  # fmt: skip
    assert (outbox_insert.kind, outbox_insert.attributes["db.statement"]) == ("CLIENT", "insert")
    service_span = parent(outbox_insert)
    assert (service_span.service, service_span.kind) == ("opportunity-api", "SERVER")
    call = parent(service_span)
    assert (call.service, call.kind) == ("gateway", "CLIENT")
    assert (parent(call).service, parent(call).kind) == ("gateway", "SERVER")
    # The relay publishes the event in the trace of the request that wrote it ...
    [published] = [s for s in spans if s.service == "opportunity-relay" and s.kind == "PRODUCER"]
    assert parent(published) == service_span
    # ... and each consumer (reporting, notifications, the gateway's live feed) continues it
    # from the message's headers, with the database commands of its handling under it.
    for consumer in ("reporting-consumer", "notifications-consumer", "gateway"):
        handled = [s for s in spans if s.service == consumer and s.kind == "CONSUMER"]
        assert handled and all(s.parent_span_id == published.span_id for s in handled), consumer

    # A batch's database work runs under the span of its first event, which may be an earlier
    # event's (the user and the deal created just before): under some reporting consumer span.
    async def reporting_commands_arrived() -> bool:  # the collector receives spans in batches
        received = collector.received()
        handling = {s.span_id for s in received if s.service == "reporting-consumer" and s.kind == "CONSUMER"}
        return any(s.parent_span_id in handling and s.kind == "CLIENT" for s in received)

    await wait_until(reporting_commands_arrived, timeout=30, interval=0.2)


async def test_the_worker_continues_the_trace_of_the_schedulers_hand_over(traced):
    system, collector = traced
    async with httpx.AsyncClient(base_url=system.gateway_url, timeout=60) as http:
        admin = FrontEnd(http, ADMIN)
        rep = (await admin(CREATE_USER, i={"name": "Uma", "email": "uma@trace.example", "role": "REP"}))[
            "createUser"
        ]
        close = (datetime.now(UTC).date() + timedelta(days=30)).isoformat()
        # Given to a rep: a digest of the assignment goes out through the scheduler and a worker.
        await admin(
            CREATE,
            i={"title": "Digest deal", "customerName": "Digest Co.", "amount": "1000.00",
               "currency": "TWD", "expectedCloseDate": close, "ownerId": rep["id"]},
        )  # fmt: skip

    def spans_of(service: str, kind: str) -> list[ReceivedSpan]:
        return [s for s in collector.received() if s.service == service and s.kind == kind]

    def deliveries() -> list[ReceivedSpan]:
        """The worker's deliveries that continue a hand-over of the scheduler's."""
        handed = {s.span_id for s in spans_of("notifications-scheduler", "PRODUCER")}
        return [s for s in spans_of("notifications-worker", "CONSUMER") if s.parent_span_id in handed]

    def inbox_writes() -> list[ReceivedSpan]:
        delivering = {s.span_id for s in deliveries()}
        return [
            s for s in spans_of("notifications-worker", "CLIENT")
            if s.parent_span_id in delivering and s.attributes.get("db.mongodb.collection") == "notifications"
            and s.attributes.get("db.statement") == "insert"
        ]  # fmt: skip

    def announced() -> list[ReceivedSpan]:
        """The gateway's live feed receiving a notification a delivery announced."""
        delivering = {s.span_id for s in deliveries()}
        return [s for s in spans_of("gateway", "CONSUMER") if s.parent_span_id in delivering]

    async def followed_through() -> bool:
        return bool(inbox_writes() and announced())

    await wait_until(followed_through, timeout=60, interval=0.2)
    assert all(s.attributes["dramatiq.actor"] == "notifications.deliver" for s in deliveries())


def test_without_an_endpoint_no_exporter_or_sdk_is_set_up():
    env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    probe = (
        "import sys\n"
        "from opentelemetry import trace\n"
        "from servicekit import tracing\n"
        "print(tracing.configure_tracing('gateway'), tracing.enabled,\n"
        "      type(trace.get_tracer_provider()).__name__, 'opentelemetry.sdk' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "False", "ProxyTracerProvider", "False"]

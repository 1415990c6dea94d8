"""What servicekit's tracing keeps, and what it adds to rows and messages (without an exporter:
the SDK's pieces are exercised directly, the process's global tracer is left alone)."""

from __future__ import annotations

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.sampling import ParentBased
from opentelemetry.trace import SpanKind

from servicekit import tracing
from servicekit._sampling import new_trace_sampler
from servicekit.bus import EventMessage
from servicekit.outbox import outbox_row
from tests.support.events import source_renamed

TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


def _tracer(ratio: str | None = None):
    return TracerProvider(sampler=ParentBased(root=new_trace_sampler(ratio))).get_tracer("test")


def test_a_call_outside_any_request_or_message_starts_no_trace():
    tracer = _tracer()
    assert not tracer.start_span("db.getMore", kind=SpanKind.CLIENT).is_recording()
    assert tracer.start_span("POST /graphql", kind=SpanKind.SERVER).is_recording()
    assert tracer.start_span("events publish", kind=SpanKind.PRODUCER).is_recording()


def test_a_call_within_a_request_is_traced():
    tracer = _tracer()
    with tracer.start_as_current_span("POST /graphql", kind=SpanKind.SERVER):
        assert tracer.start_span("db.insert", kind=SpanKind.CLIENT).is_recording()


def test_the_sampler_argument_sets_the_share_of_new_traces_kept():
    assert not _tracer("0").start_span("POST /graphql", kind=SpanKind.SERVER).is_recording()
    assert _tracer("1").start_span("POST /graphql", kind=SpanKind.SERVER).is_recording()


@pytest.mark.parametrize("ratio", ["2", "-0.5", "half"])
def test_a_sampler_argument_that_is_no_share_is_refused(ratio):
    with pytest.raises(ValueError, match="OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1"):
        new_trace_sampler(ratio)


def test_with_tracing_off_rows_and_messages_carry_no_trace_context():
    assert not tracing.enabled
    row = outbox_row(source_renamed("s-1", 1))
    assert "traceparent" not in row
    assert EventMessage.of({"id": "e-1", "type": "source.updated"}).properties().headers == {}


def test_a_message_carries_its_trace_context_in_the_traceparent_header():
    message = EventMessage(b"{}", "e-1", "source.updated", "cid-1", TRACEPARENT)
    assert message.properties().headers == {"x-correlation-id": "cid-1", "traceparent": TRACEPARENT}

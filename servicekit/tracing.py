"""OpenTelemetry traces, exported over OTLP/HTTP when ``OTEL_EXPORTER_OTLP_ENDPOINT`` is set.

Every process calls ``configure_tracing`` first thing in its entry point. Without the endpoint it
does nothing: no SDK, no instrumentation, and ``enabled`` stays False, so the code that carries
trace context (the outbox, the bus, the dramatiq hand-over) skips its work behind one test of a
module flag. With it, the process gets a tracer provider named after it, and instruments:

- Starlette apps (``instrument_app``: the server span of each request, probes left out);
- aiohttp client sessions (the gateway's calls to the services; the ``traceparent`` header goes
  with each call) and httpx clients (uploads, downloads, webhooks);
- PyMongo commands (every client opened afterwards);
- aio-pika queues and exchanges (the gateway's live feed).

The servicekit consumer and relay talk to aiormq directly, below aio-pika's instrumentation, so
they carry the context themselves: ``outbox_row`` records the writer's ``traceparent`` with the
event (in the change's transaction), the relay publishes it as a message header under a producer
span, and ``Consumer`` continues the trace in a consumer span around the handler.

A database command or HTTP call that belongs to no request or message (a relay's polling of its
change stream, a scheduler's idle tick) starts no trace of its own: it would be noise.
"""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import Mapping, Sequence
from typing import Any

from opentelemetry import context as otel_context
from opentelemetry import propagate, trace
from opentelemetry.trace import Span, SpanKind, StatusCode

from servicekit.logs import get_logger

log = get_logger(__name__)

ENDPOINT_VARIABLE = "OTEL_EXPORTER_OTLP_ENDPOINT"
TRACEPARENT = "traceparent"
"""The W3C Trace Context header (and the outbox row's field) that carries a span's context."""

enabled = False
"""True once ``configure_tracing`` installed an exporter; read on hot paths before any work."""

_tracer: trace.Tracer = trace.NoOpTracer()


def configure_tracing(service: str, environ: Mapping[str, str] = os.environ) -> bool:
    """Install the SDK, an OTLP/HTTP exporter and the instrumentations when the endpoint is set;
    return whether it did. Call once per process, before clients and apps are made."""
    global enabled, _tracer
    if enabled or not environ.get(ENDPOINT_VARIABLE):
        return enabled
    # Imported here: a process without tracing loads none of the SDK.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import SERVICE_INSTANCE_ID, SERVICE_NAME, SERVICE_NAMESPACE, Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor
    from opentelemetry.sdk.trace.sampling import ParentBased

    from servicekit._sampling import new_trace_sampler

    resource = Resource.create(
        {
            SERVICE_NAME: service,
            SERVICE_NAMESPACE: "pipewise",
            SERVICE_INSTANCE_ID: f"{socket.gethostname()}:{os.getpid()}",
        }
    )
    # A trace begun elsewhere (a front end, another process) is kept if its sender kept it.
    sampler = ParentBased(root=new_trace_sampler(environ.get("OTEL_TRACES_SAMPLER_ARG")))
    provider = TracerProvider(resource=resource, sampler=sampler)
    # The exporter reads the endpoint (and OTEL_EXPORTER_OTLP_HEADERS, _TIMEOUT …) itself.
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    _instrument_libraries()
    _tracer = trace.get_tracer("pipewise")
    enabled = True
    log.info("tracing on", service=service, endpoint=environ[ENDPOINT_VARIABLE])
    return True


def _instrument_libraries() -> None:
    # Read when the Starlette instrumentation is imported: probes and metrics are not traced.
    os.environ.setdefault("OTEL_PYTHON_STARLETTE_EXCLUDED_URLS", "/health/,/metrics")
    from opentelemetry.instrumentation.aio_pika import AioPikaInstrumentor
    from opentelemetry.instrumentation.aiohttp_client import AioHttpClientInstrumentor
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    from opentelemetry.instrumentation.pymongo import PymongoInstrumentor

    AioHttpClientInstrumentor().instrument()
    HTTPXClientInstrumentor().instrument()
    PymongoInstrumentor().instrument()
    AioPikaInstrumentor().instrument()


def instrument_app(app: Any) -> None:
    """Give a Starlette app a server span per request, continuing the caller's trace."""
    if not enabled:
        return
    from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware
    from opentelemetry.instrumentation.starlette import StarletteInstrumentor

    StarletteInstrumentor.instrument_app(app)
    # Without a span per ASGI message received and sent (four a request, one per message of a
    # subscription), which say nothing the server span does not.
    for middleware in app.user_middleware:
        if middleware.cls is OpenTelemetryMiddleware:
            middleware.kwargs["exclude_spans"] = ["receive", "send"]


def current_traceparent() -> str | None:
    """The current span's context as a ``traceparent`` value, if tracing is on and a span is."""
    if not enabled:
        return None
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier.get(TRACEPARENT)


def current_span() -> Span:
    return trace.get_current_span()


def _parent(traceparent: str | None) -> otel_context.Context | None:
    return propagate.extract({TRACEPARENT: traceparent}) if traceparent else None


def start_span(
    name: str,
    kind: SpanKind,
    traceparent: str | None = None,
    attributes: Mapping[str, str] | None = None,
) -> Span:
    """A span continuing ``traceparent`` if given, else the current span (if any)."""
    return _tracer.start_span(name, context=_parent(traceparent), kind=kind, attributes=attributes)


def start_publish_spans(destination: str, traceparents: Sequence[str | None]) -> list[Span | None]:
    """A producer span for each message that carries a trace (``None`` for the others), as a
    child of the context its writer recorded. The caller ends them once the broker confirmed."""
    return [
        start_span(f"{destination} publish", SpanKind.PRODUCER, tp) if tp else None for tp in traceparents
    ]


def traceparent_of(span: Span) -> str:
    carrier: dict[str, str] = {}
    propagate.inject(carrier, context=trace.set_span_in_context(span))
    return carrier[TRACEPARENT]


def start_process_span(
    destination: str, headers: Mapping[str, Any] | None, attributes: Mapping[str, str]
) -> Span:
    """A consumer span for one message, continuing the trace its headers carry (if any)."""
    traceparent = (headers or {}).get(TRACEPARENT)
    return start_span(
        f"{destination} process",
        SpanKind.CONSUMER,
        traceparent if isinstance(traceparent, str) else None,
        {"messaging.system": "rabbitmq", "messaging.operation.type": "process", **attributes},
    )


def end_span(span: Span, error: BaseException | None) -> None:
    if error is not None:
        span.record_exception(error)
        span.set_status(StatusCode.ERROR, type(error).__name__)
    span.end()


def end_publish_spans(spans: Sequence[Span | None], confirmed: Sequence[bool]) -> None:
    for span, ok in zip(spans, confirmed, strict=True):
        if span is not None:
            if not ok:
                span.set_status(StatusCode.ERROR, "not confirmed by the broker")
            span.end()


def end_when_done(span: Span, work: asyncio.Future[Any]) -> None:
    """End ``span`` when ``work`` is done, marked failed if it raised."""

    def end(done: asyncio.Future[Any]) -> None:
        end_span(span, None if done.cancelled() else done.exception())

    work.add_done_callback(end)


def activate(span: Span) -> object:
    """Make ``span`` the current one; returns the token ``deactivate`` takes."""
    return otel_context.attach(trace.set_span_in_context(span))


def deactivate(token: object) -> None:
    otel_context.detach(token)  # type: ignore[arg-type]

"""The trace across the dramatiq hand-over: the scheduler sends each delivery message with the
``traceparent`` of its hand-over span in the message's options, and the worker runs the actor
inside a consumer span that continues it. Added to the broker only while tracing is on."""

from __future__ import annotations

from typing import Any

import dramatiq
from dramatiq.middleware import Middleware
from opentelemetry.trace import Span, SpanKind

from servicekit import tracing


class ContinueTrace(Middleware):
    """Each message is processed in a consumer span, current while its actor runs (dramatiq's
    AsyncIO middleware hands the worker thread's context to the actor's coroutine)."""

    def __init__(self) -> None:
        self._open: dict[str, tuple[Span, object]] = {}

    def before_process_message(self, broker: dramatiq.Broker, message: dramatiq.MessageProxy) -> None:
        span = tracing.start_span(
            f"{message.queue_name} process",
            SpanKind.CONSUMER,
            message.options.get(tracing.TRACEPARENT),
            {"messaging.system": "rabbitmq", "messaging.message.id": message.message_id,
             "dramatiq.actor": message.actor_name},
        )  # fmt: skip
        self._open[message.message_id] = (span, tracing.activate(span))

    def after_process_message(
        self, broker: dramatiq.Broker, message: dramatiq.MessageProxy, *, result: Any = None,
        exception: BaseException | None = None,
    ) -> None:  # fmt: skip
        if (entry := self._open.pop(message.message_id, None)) is not None:
            span, token = entry
            tracing.deactivate(token)
            tracing.end_span(span, exception)

    def after_skip_message(self, broker: dramatiq.Broker, message: dramatiq.MessageProxy) -> None:
        self.after_process_message(broker, message)

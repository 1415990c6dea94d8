"""The root sampler of servicekit's tracing (imported only when tracing is on)."""

from __future__ import annotations

from collections.abc import Sequence

from opentelemetry.context import Context
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF, ALWAYS_ON, Sampler, SamplingResult, TraceIdRatioBased
from opentelemetry.trace import Link, SpanKind
from opentelemetry.trace.span import TraceState
from opentelemetry.util.types import Attributes


class NoLoneCalls(Sampler):
    """Leaves new traces to ``sampler``, except one that would begin with an outgoing call (a
    database command, an HTTP request): outside a request or a message those are a process's own
    polling (a relay's change stream, a scheduler's tick), many a second and of no use as traces."""

    def __init__(self, sampler: Sampler = ALWAYS_ON) -> None:
        self._sampler = sampler

    def should_sample(
        self,
        parent_context: Context | None,
        trace_id: int,
        name: str,
        kind: SpanKind | None = None,
        attributes: Attributes = None,
        links: Sequence[Link] | None = None,
        trace_state: TraceState | None = None,
    ) -> SamplingResult:
        sampler = ALWAYS_OFF if kind is SpanKind.CLIENT else self._sampler
        return sampler.should_sample(parent_context, trace_id, name, kind, attributes, links, trace_state)

    def get_description(self) -> str:
        return f"NoLoneCalls{{{self._sampler.get_description()}}}"


def new_trace_sampler(ratio: str | None) -> Sampler:
    """``NoLoneCalls`` keeping the share ``ratio`` (0 to 1; all when not given) of new traces."""
    if ratio is None or ratio == "":
        return NoLoneCalls()
    try:
        share = float(ratio)
    except ValueError:
        share = -1.0
    if not 0.0 <= share <= 1.0:
        raise ValueError(f"OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, not {ratio!r}")
    return NoLoneCalls(TraceIdRatioBased(share))

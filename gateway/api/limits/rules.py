"""The limits as one value, and the schema extensions that apply them before validation."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from graphql import GraphQLError
from strawberry.extensions import ParserCache, SchemaExtension, ValidationCache

from gateway.api.limits.analysis import measure_operation
from gateway.api.limits.inputs import ESCAPED_BYTES_PER_CHARACTER, overlong_string
from servicekit.graphql import ErrorCodes


@dataclass(frozen=True)
class Limits:
    """Sizes are counted in decoded characters, so a client's JSON escaping changes nothing."""

    max_query_chars: int
    """One operation's query document."""
    max_string_chars: int
    """Each string a client sends, in variables or written in the query."""
    max_request_chars: int
    """A whole request (every operation of a batch, with its variables) written as compact JSON."""
    max_bulk_request_chars: int
    """The same, for a request that is one bulk assignment alone (``BULK_MUTATIONS``)."""
    max_upload_bytes: int
    max_tokens: int
    max_depth: int
    max_aliases: int
    max_operations_per_batch: int
    max_first: int
    max_cost: int

    @property
    def max_body_bytes(self) -> int:
        """The most bytes a JSON body may take: enough for every request the character limits
        admit, however the client escapes it (a character takes at most
        ``ESCAPED_BYTES_PER_CHARACTER`` bytes; JSON punctuation takes 1, which leaves room for the
        whitespace of pretty-printed JSON). The largest admitted is a bulk assignment's. A larger body cannot be one the limits admit, so it is
        refused before it is read whole."""
        return ESCAPED_BYTES_PER_CHARACTER * max(self.max_request_chars, self.max_bulk_request_chars)


def _refusal(code: str, message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code})


class QueryLimits(SchemaExtension):
    """Measures the operation once and refuses it before the (costlier) standard validation.

    Setting ``pre_execution_errors`` tells strawberry that validation already ran, so a refused
    query never reaches the quadratic overlapping-fields rule an alias flood would exploit.
    """

    def __init__(self, limits: Limits) -> None:
        super().__init__()
        self.limits = limits

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            measure = measure_operation(
                context.schema._schema, document, context.operation_name, context.variables,
                max_fields=self.limits.max_cost * 2,
            )  # fmt: skip
            errors: list[GraphQLError] = []
            overlong = overlong_string(context.variables or {}, self.limits.max_string_chars)
            if overlong is not None or measure.longest_string > self.limits.max_string_chars:
                errors.append(
                    GraphQLError(
                        "A text in the input is too long; shorten it.",
                        extensions={"code": "STRING_TOO_LONG", "details": {"field": overlong or "query"}},
                    )
                )
            if measure.truncated or measure.cost > self.limits.max_cost:
                errors.append(_refusal("QUERY_TOO_COSTLY", "The query asks for too much at once; split it."))
            if measure.depth > self.limits.max_depth:
                errors.append(_refusal("QUERY_TOO_DEEP", "The query nests too deeply; flatten it."))
            if measure.aliases > self.limits.max_aliases:
                errors.append(_refusal("TOO_MANY_ALIASES", "The query uses too many aliases."))
            if measure.largest_page > self.limits.max_first:
                errors.append(_refusal("PAGE_TOO_LARGE", "A page size is too large; ask for fewer items."))
            if errors:
                context.pre_execution_errors = errors
        yield


class CachedParse(ParserCache):
    """strawberry's parser cache, except that a query that fails to parse is left for strawberry's
    own parse step, which reports it as an ordinary error (an exception raised inside an extension
    hook would skip the error coding)."""

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        try:
            context.graphql_document = self.cached_parse_document(context.query, **context.parse_options)
        except GraphQLError:
            context.graphql_document = None
        yield


class GatewayErrorCodes(ErrorCodes):
    """The shared error convention, plus a parser refusal reworded so it does not echo the limit."""

    @staticmethod
    def _convert(error: GraphQLError) -> GraphQLError:
        if error.original_error is None and "Parsing aborted" in error.message:
            if "nested too deeply" in error.message:
                return _refusal("QUERY_TOO_DEEP", "The query nests too deeply; flatten it.")
            return _refusal("QUERY_TOO_LARGE", "The query is too large.")
        return ErrorCodes._convert(error)


class CachedValidation(ValidationCache):
    """strawberry's validation cache, skipped when the limits have already refused the query."""

    def on_validate(self) -> Iterator[None]:
        if self.execution_context.pre_execution_errors:
            yield
            return
        yield from super().on_validate()

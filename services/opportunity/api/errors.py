"""The service's error extension: servicekit's ``ErrorCodes`` plus bad variable values.

A malformed value in the variables (``"2026-02-30"`` for a Date, a JSON float for a Decimal)
fails while the variables are coerced, before any resolver runs: the error has no path and its
original error carries no code, so the base class would mask it as an internal error. It is the
client's bad input, and is reported as such with its message.
"""

from __future__ import annotations

from graphql import GraphQLError

from servicekit.graphql import CodedError, ErrorCodes


class ServiceErrorCodes(ErrorCodes):
    @staticmethod
    def _convert(error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if error.path is None and original is not None and not isinstance(original, CodedError):
            return GraphQLError(
                error.message, error.nodes, error.source, error.positions, error.path,
                extensions={"code": "BAD_USER_INPUT"},
            )  # fmt: skip
        return ErrorCodes._convert(error)

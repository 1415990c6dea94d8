"""The service's error extension: servicekit's ``ErrorCodes`` plus bad scalar input.

A malformed scalar in the variables (``"2026-02-30"`` for a Date) reaches the extension as a
coercion error without a code, which the base class would mask as an internal error; here it
is what it is, the client's bad input, with its message.
"""

from __future__ import annotations

from graphql import GraphQLError
from strawberry.exceptions import StrawberryInputCoercionError

from servicekit.graphql import ErrorCodes


class ServiceErrorCodes(ErrorCodes):
    @staticmethod
    def _convert(error: GraphQLError) -> GraphQLError:
        if isinstance(error.original_error, StrawberryInputCoercionError | ValueError | TypeError):
            return GraphQLError(
                error.message, error.nodes, error.source, error.positions, error.path,
                extensions={"code": "BAD_USER_INPUT"},
            )  # fmt: skip
        return ErrorCodes._convert(error)

"""One error convention for every GraphQL API in the system.

Expected failures are raised as exceptions that carry a stable ``code`` (UPPER_SNAKE_CASE) and a
message a person can act on; they reach the client as GraphQL errors with ``extensions.code``
(and ``extensions.details`` when there is more to say, such as the field at fault). Anything
else is a bug: its message is replaced by "Unexpected error." with code ``INTERNAL_ERROR``, and
the original is logged, never shown. Messages reach the client in the caller's language
(``servicekit.i18n``); codes never change with it.

Codes used across the API: ``BAD_USER_INPUT``, ``NOT_FOUND``, ``CONFLICT`` (a stale version),
``FORBIDDEN``, ``UNAUTHENTICATED``, ``GRAPHQL_VALIDATION_FAILED`` plus specific ones a service
documents (for example ``LOST_REASON_REQUIRED``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol, runtime_checkable

import orjson
import strawberry
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext

from servicekit.i18n import localize_message, translate
from servicekit.logs import get_logger

log = get_logger(__name__)


@runtime_checkable
class CodedError(Protocol):
    """What a domain or application error exposes; domain code defines its own classes with
    these attributes and never imports GraphQL."""

    code: str
    message: str


def _details(error: BaseException) -> dict[str, Any] | None:
    details = getattr(error, "details", None)
    return dict(details) if details else None


class ErrorCodes(SchemaExtension):
    """Adds ``extensions.code`` to every error and masks the unexpected ones.

    Each error is logged once, here: an expected refusal (a coded error, a query that does not
    validate, a variable of the wrong type) as one info line with its code and no traceback, since
    nothing is wrong with the system; anything else as an error with its traceback.
    """

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is None or not errors:
            return
        result.errors = [self._logged(error, self._convert(error)) for error in errors]

    @staticmethod
    def _logged(error: GraphQLError, converted: GraphQLError) -> GraphQLError:
        code = (converted.extensions or {}).get("code")
        if code == "INTERNAL_ERROR" and error.original_error is not None:
            log.error("unexpected error in resolver", path=error.path, exc_info=error.original_error)
        else:
            log.info("request refused", code=code, path=error.path, message=converted.message)
        return converted

    @staticmethod
    def _convert(error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if error.path is None and error.message.startswith("Variable '$"):
            # A variable that does not fit its type ("2026-02-30" for a Date, a float for a
            # Decimal) fails while variables are coerced, before any resolver: the caller's input,
            # reported with its message rather than masked as a bug.
            return GraphQLError(
                error.message, error.nodes, error.source, error.positions,
                extensions={"code": "BAD_USER_INPUT"},
            )  # fmt: skip
        if original is None:
            # Parse and validation errors: the query itself is at fault.
            code = (error.extensions or {}).get("code", "GRAPHQL_VALIDATION_FAILED")
            return GraphQLError(
                error.message, error.nodes, error.source, error.positions, error.path,
                extensions={**(error.extensions or {}), "code": code},
            )  # fmt: skip
        if isinstance(original, CodedError):
            extensions: dict[str, Any] = {"code": original.code}
            if details := _details(original):
                extensions["details"] = details
            return GraphQLError(
                localize_message(original.message), error.nodes, error.source, error.positions, error.path,
                extensions=extensions,
            )  # fmt: skip
        return GraphQLError(
            translate("Unexpected error."), error.nodes, error.source, error.positions, error.path,
            extensions={"code": "INTERNAL_ERROR"},
        )  # fmt: skip


class Schema(strawberry.Schema):
    """A strawberry schema that leaves error logging to ``ErrorCodes`` (which every schema here
    uses). strawberry's own would log each refused request as an error with a traceback, and the
    text of every query that did not validate."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        return


class ApiError(Exception):
    """An expected failure raised by the API layer itself (authentication, permissions)."""

    def __init__(self, code: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details


class OrjsonHttp:
    """Mixed into a strawberry HTTP view before its base: requests and responses are read and
    written with orjson (a board of 50 opportunities encodes in a fourteenth of the time the
    standard encoder takes). Its decode error is a ``json.JSONDecodeError``, which the view turns
    into a 400."""

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)

    def encode_json(self, data: object) -> str:
        # Text, not bytes: the view sends bytes over a WebSocket as a binary frame, which the
        # subscription protocol's clients do not read.
        return orjson.dumps(data).decode()

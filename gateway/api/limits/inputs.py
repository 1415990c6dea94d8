"""What a client sent, measured once decoded: the limits count characters, never the bytes a
client's JSON encoder happened to write (``"\\u4e2d"`` and ``"中"`` are the same character)."""

from __future__ import annotations

from typing import Any

from graphql import FieldNode, GraphQLError, OperationDefinitionNode, OperationType, parse

from gateway.adapters.opportunity_api import BULK_MUTATIONS

ESCAPED_BYTES_PER_CHARACTER = 12
"""The most bytes one decoded character can take in a JSON body: a character outside the Basic
Multilingual Plane escaped as a surrogate pair, ``\\ud83d\\ude00``. Every other character takes
fewer (``\\u4e2d`` is 6, UTF-8 at most 4, punctuation 1)."""


def decoded_size(value: Any) -> int:
    """The length in characters of ``value`` written as compact JSON without escapes: what a
    request asks the gateway to hold, however the client escaped it."""
    if isinstance(value, str):
        return len(value) + 2
    if isinstance(value, dict):
        # braces, a colon per entry, commas between entries
        entries = sum(len(key) + 3 + decoded_size(item) for key, item in value.items())
        return 2 + entries + max(0, len(value) - 1)
    if isinstance(value, list):
        return 2 + sum(decoded_size(item) for item in value) + max(0, len(value) - 1)
    if value is None or isinstance(value, bool):
        return 5
    return len(str(value))


def overlong_string(value: Any, limit: int, path: str = "") -> str | None:
    """The path (``input.text``, ``targets.3.id``) of the first string longer than ``limit``
    characters in ``value``, or None. Keys count too: a client may send any key."""
    if isinstance(value, str):
        return path if len(value) > limit else None
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if len(str(key)) > limit:
                return path or "variables"
            if (found := overlong_string(item, limit, where)) is not None:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if (found := overlong_string(item, limit, f"{path}.{index}" if path else str(index))) is not None:
                return found
    return None


def is_bulk_request(operations: Any, max_tokens: int) -> bool:
    """Whether a request is one operation (not a batch) whose every root field is one of the
    ``BULK_MUTATIONS``. Its query is parsed here, bounded like any query, to tell; the schema's
    own checks (cost, aliases, depth, each string) still apply to it afterwards."""
    query = operations.get("query") if isinstance(operations, dict) else None
    if not isinstance(query, str):
        return False
    try:
        document = parse(query, no_location=True, max_tokens=max_tokens)
    except GraphQLError:
        return False
    definitions = document.definitions
    return bool(definitions) and all(
        isinstance(d, OperationDefinitionNode)
        and d.operation == OperationType.MUTATION
        and all(
            isinstance(s, FieldNode) and s.name.value in BULK_MUTATIONS for s in d.selection_set.selections
        )
        for d in definitions
    )

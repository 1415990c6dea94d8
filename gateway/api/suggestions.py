"""No "Did you mean ...?" in production: with introspection off, suggestions would still let a
caller guess the schema one misspelt name at a time."""

from __future__ import annotations

import re
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

# graphql-core appends its hint to the end of a message: " Did you mean 'x'?", " Did you mean
# 'x', 'y', or 'z'?", " Did you mean the enum value 'X'?" (for fields, arguments, types, enum
# values and input fields alike).
_SUGGESTION = re.compile(r"\s*Did you mean .*\?$", re.DOTALL)


def without_suggestion(message: str) -> str:
    return _SUGGESTION.sub("", message)


class HideSuggestions(SchemaExtension):
    """Strips the suggestion from every error of the operation's result, whatever produced it
    (validation or the coercion of variables)."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors: list[GraphQLError] | None = getattr(result, "errors", None)
        if result is None or not errors:
            return
        for error in errors:
            error.message = without_suggestion(error.message)

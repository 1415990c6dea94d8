"""One walk over an operation's selections (fragments expanded) measuring what the limits bound.

Cost model: every field costs 1; a field that takes a page size (``first`` or ``limit``) costs its
own 1 plus its selection's cost times the page size, since that selection runs once per item.
That makes the cost an upper bound on the objects a request can make the gateway touch.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)

PAGE_SIZE_ARGUMENTS = frozenset({"first", "limit", "last"})
DEFAULT_PAGE_SIZE = 20


@dataclass
class Measure:
    depth: int = 0
    aliases: int = 0
    cost: int = 0
    largest_page: int = 0
    truncated: bool = False
    """The walk stopped early: fragments spread into more fields than any honest query has."""


class _TooManyFields(Exception):
    pass


class _Walker:
    def __init__(
        self,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        max_fields: int,
    ) -> None:
        self._fragments = fragments
        self._variables = variables
        self._fields_left = max_fields
        self.measure = Measure()

    def selection_cost(self, selection_set: SelectionSetNode | None, depth: int, seen: frozenset[str]) -> int:
        if selection_set is None:
            return 0
        self.measure.depth = max(self.measure.depth, depth)
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self._field_cost(selection, depth, seen)
            elif isinstance(selection, InlineFragmentNode):
                total += self.selection_cost(selection.selection_set, depth, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self._fragments.get(name)
                # A fragment cycle is invalid GraphQL; validation reports it, we only avoid looping.
                if fragment is not None and name not in seen:
                    total += self.selection_cost(fragment.selection_set, depth, seen | {name})
        return total

    def _field_cost(self, field: FieldNode, depth: int, seen: frozenset[str]) -> int:
        # Fragments spread inside fragments multiply: bound the walk itself.
        self._fields_left -= 1
        if self._fields_left < 0:
            raise _TooManyFields
        if field.alias is not None:
            self.measure.aliases += 1
        if field.name.value.startswith("__"):
            return 0
        page = self._page_size(field)
        self.measure.largest_page = max(self.measure.largest_page, page or 0)
        children = self.selection_cost(field.selection_set, depth + 1, seen)
        return 1 + children * (page if page is not None else 1)

    def _page_size(self, field: FieldNode) -> int | None:
        for argument in field.arguments or ():
            if argument.name.value not in PAGE_SIZE_ARGUMENTS:
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                return int(value.value)
            if isinstance(value, VariableNode):
                given = self._variables.get(value.name.value)
                return given if isinstance(given, int) else DEFAULT_PAGE_SIZE
        return None


def measure_operation(
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    *,
    max_fields: int = 10_000,
) -> Measure:
    """Measure the operation that will run (the named one, or every one when unnamed)."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    walker = _Walker(fragments, variables or {}, max_fields)
    try:
        for definition in document.definitions:
            if not isinstance(definition, OperationDefinitionNode):
                continue
            if operation_name and definition.name and definition.name.value != operation_name:
                continue
            walker.measure.cost += walker.selection_cost(definition.selection_set, 1, frozenset())
    except _TooManyFields:
        walker.measure.truncated = True
    return walker.measure

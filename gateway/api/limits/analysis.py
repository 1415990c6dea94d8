"""One walk over an operation's selections (fragments expanded) measuring what the limits bound.

Cost model: every field costs 1; a field that takes a page size (``first``, ``limit`` or ``last``)
costs its own 1 plus its selection's cost times the page size, since that selection runs once per
item. The page size is the one the resolver will use: the argument as written, else the
operation's variable, else the variable's default, else the argument's default in the schema (a
query that leaves ``first`` out gets the default page, and is counted as if it had written it).
That makes the cost an upper bound on the objects a request can make the gateway touch.

The walk also finds the longest string literal written in the arguments (the per-string limit
holds for literals as it does for variables).
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
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    Undefined,
    ValueNode,
    VariableNode,
    get_named_type,
    value_from_ast_untyped,
)

PAGE_SIZE_ARGUMENTS = frozenset({"first", "limit", "last"})
FALLBACK_PAGE_SIZE = 20
"""A page size argument left out that has no default in the schema: the services' usual page."""


@dataclass
class Measure:
    depth: int = 0
    aliases: int = 0
    cost: int = 0
    largest_page: int = 0
    longest_string: int = 0
    """The longest string literal in the operation's arguments, in characters."""
    truncated: bool = False
    """The walk stopped early: fragments spread into more fields than any honest query has."""


class _TooManyFields(Exception):
    pass


class _Walker:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        max_fields: int,
    ) -> None:
        self._schema = schema
        self._fragments = fragments
        self._variables = variables
        self._variable_defaults: dict[str, Any] = {}
        self._fields_left = max_fields
        self.measure = Measure()

    def operation_cost(self, operation: OperationDefinitionNode) -> int:
        self._variable_defaults = {
            definition.variable.name.value: value_from_ast_untyped(definition.default_value)
            for definition in operation.variable_definitions or ()
            if definition.default_value is not None
        }
        for definition in operation.variable_definitions or ():
            if definition.default_value is not None:
                self._note_strings(definition.default_value)
        root = self._schema.get_root_type(operation.operation)
        return self.selection_cost(operation.selection_set, root, 1, frozenset())

    def selection_cost(
        self,
        selection_set: SelectionSetNode | None,
        parent: GraphQLNamedType | None,
        depth: int,
        seen: frozenset[str],
    ) -> int:
        if selection_set is None:
            return 0
        self.measure.depth = max(self.measure.depth, depth)
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self._field_cost(selection, parent, depth, seen)
            elif isinstance(selection, InlineFragmentNode):
                narrowed = (
                    self._type_named(selection.type_condition.name.value)
                    if selection.type_condition
                    else parent
                )
                total += self.selection_cost(selection.selection_set, narrowed, depth, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self._fragments.get(name)
                # A fragment cycle is invalid GraphQL; validation reports it, we only avoid looping.
                if fragment is not None and name not in seen:
                    on = self._type_named(fragment.type_condition.name.value)
                    total += self.selection_cost(fragment.selection_set, on, depth, seen | {name})
        return total

    def _field_cost(
        self, field: FieldNode, parent: GraphQLNamedType | None, depth: int, seen: frozenset[str]
    ) -> int:
        # Fragments spread inside fragments multiply: bound the walk itself.
        self._fields_left -= 1
        if self._fields_left < 0:
            raise _TooManyFields
        if field.alias is not None:
            self.measure.aliases += 1
        for argument in field.arguments or ():
            self._note_strings(argument.value)
        if field.name.value.startswith("__"):
            return 0
        definition = _field_definition(parent, field.name.value)
        page = self._page_size(field, definition)
        self.measure.largest_page = max(self.measure.largest_page, page or 0)
        child_type = get_named_type(definition.type) if definition is not None else None
        children = self.selection_cost(field.selection_set, child_type, depth + 1, seen)
        return 1 + children * (page if page is not None else 1)

    def _page_size(self, field: FieldNode, definition: GraphQLField | None) -> int | None:
        """The page size the field will run with, or None for a field that takes none."""
        names = set(definition.args) & PAGE_SIZE_ARGUMENTS if definition is not None else set()
        written = {
            a.name.value: a.value for a in field.arguments or () if a.name.value in PAGE_SIZE_ARGUMENTS
        }
        if not names and not written:
            return None
        sizes = [self._argument_value(written.get(name), definition, name) for name in names | set(written)]
        return max(sizes)

    def _argument_value(self, value: ValueNode | None, definition: GraphQLField | None, name: str) -> int:
        if isinstance(value, IntValueNode):
            return int(value.value)
        if isinstance(value, VariableNode):
            variable = value.name.value
            given = self._variables.get(variable, self._variable_defaults.get(variable))
            if isinstance(given, int) and not isinstance(given, bool):
                return given
        argument = definition.args.get(name) if definition is not None else None
        default = argument.default_value if argument is not None else Undefined
        if isinstance(default, int) and not isinstance(default, bool):
            return default
        return FALLBACK_PAGE_SIZE

    def _note_strings(self, value: ValueNode) -> None:
        if isinstance(value, StringValueNode):
            self.measure.longest_string = max(self.measure.longest_string, len(value.value))
        elif isinstance(value, ListValueNode):
            for item in value.values:
                self._note_strings(item)
        elif isinstance(value, ObjectValueNode):
            for entry in value.fields:
                self._note_strings(entry.value)

    def _type_named(self, name: str) -> GraphQLNamedType | None:
        return self._schema.get_type(name)


def _field_definition(parent: GraphQLNamedType | None, name: str) -> GraphQLField | None:
    if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        return parent.fields.get(name)
    return None  # a union (only __typename) or a field the schema lacks (validation reports it)


def measure_operation(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    *,
    max_fields: int = 10_000,
) -> Measure:
    """Measure the operation that will run (the named one, or every one when unnamed)."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    walker = _Walker(schema, fragments, variables or {}, max_fields)
    try:
        for definition in document.definitions:
            if not isinstance(definition, OperationDefinitionNode):
                continue
            if operation_name and definition.name and definition.name.value != operation_name:
                continue
            walker.measure.cost += walker.operation_cost(definition)
    except _TooManyFields:
        walker.measure.truncated = True
    return walker.measure

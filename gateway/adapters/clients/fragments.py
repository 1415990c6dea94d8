"""Selections read from the operations files, for the batched reads the gateway sends as one
aliased document (a service without a list argument for them): the same fields as the typed
client's operation of the same fragment, from the same place."""

from __future__ import annotations

from functools import cache

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    SelectionNode,
    SelectionSetNode,
    parse,
    print_ast,
)

from gateway.adapters.clients import codegen


@cache
def _fragments(service: str) -> dict[str, FragmentDefinitionNode]:
    document: DocumentNode = parse(codegen.operations_path(service).read_text(encoding="utf-8"))
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


@cache
def selection(service: str, fragment: str) -> str:
    """A fragment's fields as selection text, the fragments it spreads written out in place."""
    fragments = _fragments(service)
    inlined = _inline(fragments[fragment].selection_set, fragments)
    return " ".join(print_ast(inlined)[1:-1].split())


def _inline(selections: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode]) -> SelectionSetNode:
    out: list[SelectionNode] = []
    for node in selections.selections:
        if isinstance(node, FragmentSpreadNode):
            out.extend(_inline(fragments[node.name.value].selection_set, fragments).selections)
        elif isinstance(node, FieldNode) and node.selection_set is not None:
            out.append(
                FieldNode(
                    alias=node.alias,
                    name=node.name,
                    arguments=node.arguments,
                    directives=node.directives,
                    selection_set=_inline(node.selection_set, fragments),
                )
            )
        else:
            out.append(node)
    return SelectionSetNode(selections=tuple(out))

"""What to ask the opportunity service for, for the nodes of a page: the fields the client
selected, plus the ids the gateway's own resolvers link with.

A board asks for a dozen of an opportunity's thirty fields; asking the service for only those
spares it (and the gateway) computing, encoding and decoding the rest for every card, and spares
it the pipeline lookups of ``rotting`` unless a client wants it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from graphql import FieldNode, FragmentDefinitionNode, FragmentSpreadNode, InlineFragmentNode, SelectionNode
from strawberry.types import Info

from gateway.adapters.opportunity_api import LINE_ITEM, STAGE_REF

# A field the service has, by its name in both schemas, with the sub-selection it needs.
_PLAIN = (
    "id title customerName isNewCustomer products isNewProduct ownerId team pipelineId status expectedCloseDate "
    "difficulty sourceId lostReason lostReasonKey createdAt updatedAt closedAt version overdue timeInCurrentStageSeconds "
    "rotting accountId"
)
_OBJECTS = {
    "value": ("amount", "currency"),
    "stage": tuple(STAGE_REF.split(" ")),
    "probability": ("effective", "stageDefault", "overridden", "override"),
    "contacts": ("contactId", "role"),
}
"""Fields that are objects, with their own fields (the same names in both schemas)."""
SERVICE_FIELDS: dict[str, str] = {
    **{name: name for name in _PLAIN.split(" ")},
    **{name: f"{name} {{ {' '.join(fields)} }}" for name, fields in _OBJECTS.items()},
    "lineItems": f"lineItems {{ {LINE_ITEM} }}",  # whole when asked: few per deal, nested money
}
# A field the gateway resolves itself, by the service field it links with.
LINKS = {"owner": "ownerId", "pipeline": "pipelineId", "source": "sourceId", "account": "accountId"}
# Any other field of the gateway's Opportunity (alerts, histories, timeline, evidence) has a
# resolver of its own that links by id (a test checks every field is one or the other).


def node_fields(info: Info[Any, None]) -> dict[str, set[str]]:
    """The fields the client selected on each node of the page being resolved (through
    ``nodes``, fragments included), each with the names selected inside it. Read from the
    query's syntax tree: cheaper than ``info.selected_fields``, which converts every argument of
    the whole subtree."""
    raw = info._raw_info
    fragments: Mapping[str, FragmentDefinitionNode] = raw.fragments
    fields: dict[str, set[str]] = {}
    for connection in raw.field_nodes:
        for item in _fields(_children(connection), fragments):
            if item.name.value == "nodes":
                for field in _fields(_children(item), fragments):
                    inside = fields.setdefault(field.name.value, set())
                    inside.update(child.name.value for child in _fields(_children(field), fragments))
    return fields


def service_selection(fields: Mapping[str, Iterable[str]]) -> str:
    """The service's selection for nodes with these (gateway) fields: ``id`` and what they need;
    of an object field (``value``, ``stage``, ``probability``), only the fields asked of it."""
    wanted = {"id"}
    for name, inside in fields.items():
        if name.startswith("__"):
            continue
        if name in _OBJECTS and (asked := [f for f in _OBJECTS[name] if f in set(inside)]):
            wanted.add(f"{name} {{ {' '.join(asked)} }}")
        else:
            wanted.add(SERVICE_FIELDS.get(name) or LINKS.get(name) or "id")
    # Sorted: the same client selection is the same document, which the service parses once.
    return " ".join(sorted(wanted))


def _children(node: FieldNode | InlineFragmentNode | FragmentDefinitionNode) -> Iterable[SelectionNode]:
    return node.selection_set.selections if node.selection_set is not None else ()


def _fields(
    selections: Iterable[SelectionNode], fragments: Mapping[str, FragmentDefinitionNode]
) -> Iterator[FieldNode]:
    """Fields of a selection set, with those of its fragments and inline fragments (validation
    has ruled out fragment cycles)."""
    for selection in selections:
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from _fields(_children(selection), fragments)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value in fragments:
            yield from _fields(_children(fragments[selection.name.value]), fragments)

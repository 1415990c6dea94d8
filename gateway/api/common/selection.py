"""The fields a client selected on the nodes of a page, read from strawberry's view of the
query; what to ask the service for them is ``gateway.application.page_selection``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from strawberry.types import Info
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection


def node_fields(info: Info[Any, None]) -> dict[str, set[str]]:
    """The fields the client selected on each node of the page being resolved (through
    ``nodes``, fragments included), each with the names selected inside it."""
    fields: dict[str, set[str]] = {}
    for connection in info.selected_fields:  # the page's own field
        for item in _fields(connection.selections):
            if item.name == "nodes":
                for field in _fields(item.selections):
                    inside = fields.setdefault(field.name, set())
                    inside.update(child.name for child in _fields(field.selections))
    return fields


def _fields(selections: Iterable[Selection]) -> Iterator[SelectedField]:
    """Fields of a selection, with those of its fragments and inline fragments."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, FragmentSpread | InlineFragment):
            yield from _fields(selection.selections)

"""What a list query asks of each opportunity, to map no more of the documents than it shows.

A board shows titles, stages, owners and amounts, never the histories; and mapping a long-lived
opportunity's histories (every move, every new close date, every probability change) is most
of the work of reading it. The fields below read none of them: a list asking only for these
leaves them out (``OpportunityQuery.histories``). A field not listed (a history, the timeline, the
handover brief, or one added later) has them mapped, so nothing is ever shown empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from strawberry.types.nodes import SelectedField, Selection

from services.opportunity.api.context import Info

FIELDS_WITHOUT_HISTORIES = frozenset(
    {
        "__typename", "id", "title", "customerName", "isNewCustomer", "products", "isNewProduct",
        "value", "ownerId", "team", "pipelineId", "stage", "status", "expectedCloseDate",
        "difficulty", "sourceId", "lostReason", "createdAt", "updatedAt", "closedAt", "version",
        "probability", "overdue", "timeInCurrentStageSeconds", "owner", "pipeline", "rotting",
        "activities", "assignmentHistory", "contact", "accountId", "contacts", "lineItems",
    }
)  # fmt: skip
"""The opportunity's GraphQL fields that read none of its histories."""


def list_needs_histories(info: Info) -> bool:
    """Whether the opportunities of this connection (its ``nodes`` and ``edges { node }``) are
    asked for any field beyond ``FIELDS_WITHOUT_HISTORIES``."""
    asked: set[str] = set()
    for connection in info.selected_fields:
        for part in _fields(connection.selections, "nodes", "edges"):
            opportunities = _fields(part.selections, "node") if part.name == "edges" else [part]
            for opportunity in opportunities:
                asked.update(field.name for field in _fields(opportunity.selections))
    return not asked <= FIELDS_WITHOUT_HISTORIES


def _fields(selections: Iterable[Selection], *names: str) -> Iterator[SelectedField]:
    """The fields among these selections (fragments opened), those named if names are given."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            if not names or selection.name in names:
                yield selection
        else:
            yield from _fields(selection.selections, *names)

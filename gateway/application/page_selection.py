"""What to ask the opportunity service for, for the nodes of a page: the fields the client
selected, plus the ids the gateway's own resolvers link with.

A board asks for a dozen of an opportunity's thirty fields; asking the service for only those
spares it (and the gateway) computing, encoding and decoding the rest for every card, and spares
it the pipeline lookups of ``rotting`` unless a client wants it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

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

"""A page asks the opportunity service only for what the client selected on its nodes, and every
field of the gateway's Opportunity can be served that way."""

from __future__ import annotations

from graphql import parse
from strawberry.types.base import get_object_definition

from gateway.api.opportunities.types import Opportunity
from gateway.application.page_selection import LINKS, SERVICE_FIELDS, service_selection


def test_every_field_is_read_from_the_service_or_resolved_by_the_gateway_from_a_fetched_id():
    definition = get_object_definition(Opportunity, strict=True)
    for field in definition.fields:
        name = field.graphql_name or "".join(
            part if i == 0 else part.capitalize() for i, part in enumerate(field.python_name.split("_"))
        )
        if field.base_resolver is None:
            assert name in SERVICE_FIELDS, f"{name} is read from the service's answer but never asked for"
        else:
            assert name not in SERVICE_FIELDS, f"{name} has a resolver of its own: is it a service field?"


def test_a_board_asks_for_its_own_fields_and_the_ids_its_links_need():
    fields = {"title": set(), "owner": {"name"}, "source": {"kind"}, "pendingAlertCount": set(),
              "value": {"amount", "currency"}, "probability": {"effective", "__typename"}, "__typename": set()}  # fmt: skip
    selection = service_selection(fields)
    assert {"id", "title", "ownerId", "sourceId"} <= set(selection.split())
    assert "value { amount currency }" in selection and "probability { effective }" in selection
    assert "pipelineId" not in selection and "rotting" not in selection and "stage" not in selection


def test_the_same_fields_in_any_order_are_the_same_document():
    one = {"title": set(), "owner": {"id"}, "stage": {"key", "kind"}}
    other = {"stage": {"kind", "key"}, "owner": {"id"}, "title": set()}
    assert service_selection(one) == service_selection(other)
    everything = dict.fromkeys([*SERVICE_FIELDS, *LINKS], ())
    parse(f"{{ nodes {{ {service_selection(everything)} }} }}")  # well-formed

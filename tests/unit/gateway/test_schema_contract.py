"""The gateway's committed SDL matches its code, and every document it sends to a service is
valid against that service's committed SDL (so a service change that breaks the gateway shows
up here, without running anything)."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import build_schema, parse, validate

from gateway.adapters import opportunity_api
from gateway.api.export_sdl import SDL_PATH, render_sdl
from gateway.application.opportunity_pages import CLOSING
from gateway.application.page_selection import LINKS, SERVICE_FIELDS, service_selection

ROOT = Path(__file__).resolve().parents[3]


def test_the_committed_gateway_sdl_matches_the_code():
    assert SDL_PATH.read_text(encoding="utf-8") == render_sdl(), "run `python -m gateway.api.export_sdl`"


def _service_schema(service: str):
    path = ROOT / "services" / service / "schema.graphql"
    assert path.exists(), f"services/{service}/schema.graphql is missing: run `make sdl` and commit it"
    return build_schema(path.read_text(encoding="utf-8"))


def _documents() -> dict[str, list[str]]:
    o = opportunity_api
    opportunity = [
        f"query($filter: OpportunityFilter, $orderBy: OpportunityOrder!, $first: Int!, $after: String) {{ "
        f"opportunities(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {{ nodes {{ {o.OPPORTUNITY} }} "
        "pageInfo { hasNextPage endCursor } totalCount } }",
        f'{{ a: opportunity(id: "x") {{ {o.OPPORTUNITY} }} b: opportunity(id: "y") {{ {o.OPPORTUNITY_HISTORY} }} }}',
        f'{{ a: opportunity(id: "x") {{ {o.TIMELINE} {o.HANDOVER_BRIEF} }} b: activities(opportunityId: "x") {{ {o.ACTIVITY} }} }}',
        # The closing-soon view: a page in close-date order of the fields its rows show.
        f'{{ opportunities(filter: {{ status: OPEN, closeDateFrom: "2026-03-01", closeDateTo: "2026-03-08" }}, '
        f"orderBy: EXPECTED_CLOSE_DATE_ASC, first: 200) {{ nodes {{ {CLOSING} }} pageInfo {{ hasNextPage endCursor }} }} }}",
    ]
    # A page projected to what a client asked, here every field at once.
    projected = service_selection(dict.fromkeys([*SERVICE_FIELDS, *LINKS, "pendingAlertCount"], ()))
    opportunity.append(
        f"query($first: Int!) {{ opportunities(first: $first) {{ nodes {{ {projected} }} totalCount }} }}"
    )
    return {"opportunity": opportunity}


# The other services' documents are the generated clients' (test_generated_clients.py).
@pytest.mark.parametrize("service", ["opportunity"])
def test_every_document_the_gateway_sends_is_valid_for_the_service(service):
    schema = _service_schema(service)
    problems = {
        document[:80]: [e.message for e in errors]
        for document in _documents()[service]
        if (errors := validate(schema, parse(document)))
    }
    assert not problems

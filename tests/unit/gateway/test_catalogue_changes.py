"""Which mutations sent to the opportunity service make the gateway forget its catalogues."""

from __future__ import annotations

import pytest
from graphql import OperationDefinitionNode, parse, print_ast

from gateway.adapters.clients import codegen
from gateway.adapters.opportunity_api import changes_catalogues


def _document(name: str) -> str:
    """The mutation as the generated client sends it (its operation comes first)."""
    document = parse(codegen.operations_path("opportunity").read_text(encoding="utf-8"))
    wanted = name[0].upper() + name[1:]
    operation = next(
        d for d in document.definitions
        if isinstance(d, OperationDefinitionNode) and d.name is not None and d.name.value == wanted
    )  # fmt: skip
    return print_ast(operation)


@pytest.mark.parametrize(
    "name",
    ["moveOpportunityStage", "createOpportunity", "assignOpportunities", "logActivity", "reviseActivity"],
)
def test_work_on_opportunities_keeps_the_catalogues(name: str) -> None:
    assert not changes_catalogues(_document(name))


@pytest.mark.parametrize(
    "name",
    ["createUser", "updateUser", "updatePipeline", "addStage", "handOverOpportunities", "setStageEvidence"],
)
def test_changes_to_users_pipelines_sources_or_a_hand_over_forget_them(name: str) -> None:
    assert changes_catalogues(_document(name))


def test_a_document_with_a_catalogue_field_beside_an_opportunity_one_forgets_them() -> None:
    assert changes_catalogues(
        "mutation { a: moveOpportunityStage(input: {}) { id } b: createSource(input: {}) { id } }"
    )

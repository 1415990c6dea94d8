"""The service's GraphQL schema, composed from its features."""

from __future__ import annotations

from functools import partial

import strawberry
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from servicekit.graphql import ErrorCodes, Schema
from services.opportunity.api.accounts.mutations import AccountMutations
from services.opportunity.api.accounts.queries import AccountQueries
from services.opportunity.api.assignment.mutations import AssignmentMutations
from services.opportunity.api.assignment.queries import AssignmentQueries
from services.opportunity.api.events.mutations import EventMutations
from services.opportunity.api.evidence.mutations import EvidenceMutations
from services.opportunity.api.evidence.queries import EvidenceQueries
from services.opportunity.api.imports.mutations import ImportMutations
from services.opportunity.api.imports.queries import ImportQueries
from services.opportunity.api.opportunities.mutations import OpportunityMutations
from services.opportunity.api.opportunities.queries import OpportunityQueries
from services.opportunity.api.pipelines.mutations import PipelineMutations
from services.opportunity.api.pipelines.queries import PipelineQueries
from services.opportunity.api.products.mutations import ProductMutations
from services.opportunity.api.products.queries import ProductQueries
from services.opportunity.api.scalars import SCALAR_MAP
from services.opportunity.api.sources.mutations import SourceMutations
from services.opportunity.api.sources.queries import SourceQueries
from services.opportunity.api.users.mutations import UserMutations
from services.opportunity.api.users.queries import UserQueries

Query = merge_types(
    "Query",
    (
        OpportunityQueries,
        PipelineQueries,
        UserQueries,
        SourceQueries,
        AssignmentQueries,
        EvidenceQueries,
        ImportQueries,
        AccountQueries,
        ProductQueries,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        OpportunityMutations,
        PipelineMutations,
        UserMutations,
        SourceMutations,
        AssignmentMutations,
        EvidenceMutations,
        ImportMutations,
        EventMutations,
        AccountMutations,
        ProductMutations,
    ),
)


def build_schema() -> strawberry.Schema:
    return Schema(
        query=Query,
        mutation=Mutation,
        # Clients send the same few documents again and again: parse and validate each once.
        extensions=[
            ErrorCodes,
            partial(ParserCache, maxsize=256),
            partial(ValidationCache, maxsize=256),
        ],
        config=StrawberryConfig(scalar_map=SCALAR_MAP),
    )

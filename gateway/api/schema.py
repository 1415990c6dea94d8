"""The gateway's one public schema, composed from one folder per feature."""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from strawberry.extensions import DisableIntrospection, MaxTokensLimiter, SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from gateway.api.accounts.mutations import AccountMutations
from gateway.api.accounts.queries import AccountQueries
from gateway.api.assignments.mutations import AssignmentMutations
from gateway.api.catalog.mutations import CatalogMutations
from gateway.api.catalog.queries import CatalogQueries
from gateway.api.evidence.mutations import EvidenceMutations
from gateway.api.evidence.queries import EvidenceQueries
from gateway.api.imports.operations import ImportMutations, ImportQueries
from gateway.api.limits.rules import (
    CachedParse,
    CachedValidation,
    GatewayErrorCodes,
    Limits,
    QueryLimits,
)
from gateway.api.live.subscriptions import LiveSubscriptions
from gateway.api.notifications.mutations import NotificationMutations
from gateway.api.notifications.queries import NotificationQueries
from gateway.api.opportunities.mutations import OpportunityMutations
from gateway.api.opportunities.queries import OpportunityQueries
from gateway.api.products.operations import ProductMutations, ProductQueries
from gateway.api.raw import read_field
from gateway.api.rebuild.operations import RebuildMutations, RebuildQueries
from gateway.api.reports.mutations import ReportMutations
from gateway.api.reports.queries import ReportQueries
from gateway.api.scalars import SCALARS
from gateway.api.suggestions import HideSuggestions
from gateway.api.users.mutations import UserMutations
from gateway.api.users.queries import UserQueries
from gateway.api.viewer.queries import ViewerQueries
from servicekit.graphql import Schema

Query = merge_types(
    "Query",
    (
        ViewerQueries,
        OpportunityQueries,
        EvidenceQueries,
        ImportQueries,
        UserQueries,
        CatalogQueries,
        NotificationQueries,
        ReportQueries,
        AccountQueries,
        ProductQueries,
        RebuildQueries,
    ),
)
Subscription = merge_types("Subscription", (LiveSubscriptions,))
Mutation = merge_types(
    "Mutation",
    (
        OpportunityMutations,
        AssignmentMutations,
        ImportMutations,
        EvidenceMutations,
        CatalogMutations,
        UserMutations,
        NotificationMutations,
        ReportMutations,
        AccountMutations,
        ProductMutations,
        RebuildMutations,
    ),
)

DEFAULT_LIMITS = Limits(
    max_query_chars=32_000, max_string_chars=10_000, max_request_chars=128_000, max_bulk_request_chars=1_000_000, max_upload_bytes=25 * 1024 * 1024, max_tokens=2_000, max_depth=10, max_aliases=30,
    max_operations_per_batch=10, max_first=100, max_cost=5_000,
)  # fmt: skip


def build_schema(
    limits: Limits = DEFAULT_LIMITS, *, production: bool = False, cache_size: int = 512
) -> strawberry.Schema:
    # Order matters: errors are coded last (outermost), the token cap is set before parsing, and
    # the limits run before the cached standard validation.
    # Factories, not instances: each request gets its own extension objects.
    extensions: list[Callable[[], SchemaExtension]] = [
        GatewayErrorCodes,
        lambda: MaxTokensLimiter(limits.max_tokens),
        lambda: CachedParse(maxsize=cache_size),
        lambda: QueryLimits(limits),
        lambda: CachedValidation(maxsize=cache_size),
    ]
    if production:
        # Outermost: runs after the errors are coded, on the messages the client will read.
        extensions.insert(0, HideSuggestions)
        extensions.append(DisableIntrospection)
    return Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        config=StrawberryConfig(
            batching_config={"max_operations": limits.max_operations_per_batch},
            scalar_map=SCALARS,
            default_resolver=read_field,
        ),
    )

"""The reporting service's GraphQL schema, composed from its features."""

from __future__ import annotations

import strawberry

from servicekit.graphql import ErrorCodes, Schema
from services.reporting.api.policy.mutations import PolicyMutations
from services.reporting.api.policy.queries import PolicyQueries
from services.reporting.api.rates.schema import RateMutations, RateQueries
from services.reporting.api.rebuild.mutations import RebuildMutations
from services.reporting.api.rebuild.queries import RebuildQueries
from services.reporting.api.reports.queries import ReportQueries


@strawberry.type
class Query(ReportQueries, PolicyQueries, RateQueries, RebuildQueries):
    pass


@strawberry.type
class Mutation(PolicyMutations, RateMutations, RebuildMutations):
    pass


schema = Schema(query=Query, mutation=Mutation, extensions=[ErrorCodes])

"""The reporting service's GraphQL schema, composed from its features."""

from __future__ import annotations

import strawberry

from servicekit.graphql import ErrorCodes, Schema
from services.reporting.api.policy.mutations import PolicyMutations
from services.reporting.api.policy.queries import PolicyQueries
from services.reporting.api.rates.schema import RateMutations, RateQueries
from services.reporting.api.reports.queries import ReportQueries


@strawberry.type
class Query(ReportQueries, PolicyQueries, RateQueries):
    pass


@strawberry.type
class Mutation(PolicyMutations, RateMutations):
    pass


schema = Schema(query=Query, mutation=Mutation, extensions=[ErrorCodes])

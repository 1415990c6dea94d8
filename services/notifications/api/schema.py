"""The service's GraphQL schema, composed from its features."""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from servicekit.graphql import ErrorCodes
from services.notifications.api.alerts.mutations import AlertMutations
from services.notifications.api.alerts.queries import AlertQueries
from services.notifications.api.notifications.mutations import NotificationMutations
from services.notifications.api.notifications.queries import NotificationQueries
from services.notifications.api.opportunities.queries import OpportunityQueries

Query = merge_types("Query", (NotificationQueries, AlertQueries, OpportunityQueries))
Mutation = merge_types("Mutation", (NotificationMutations, AlertMutations))

schema = strawberry.Schema(query=Query, mutation=Mutation, extensions=[ErrorCodes])

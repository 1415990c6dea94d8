"""The service's GraphQL schema, composed from its features."""

from __future__ import annotations

from functools import partial

from strawberry.extensions import ParserCache, ValidationCache
from strawberry.tools import merge_types

from servicekit.graphql import ErrorCodes, Schema
from services.notifications.api.alerts.mutations import AlertMutations
from services.notifications.api.alerts.queries import AlertQueries
from services.notifications.api.notifications.mutations import NotificationMutations
from services.notifications.api.notifications.queries import NotificationQueries

Query = merge_types("Query", (NotificationQueries, AlertQueries))
Mutation = merge_types("Mutation", (NotificationMutations, AlertMutations))

# The gateway sends the same few documents again and again: parse and validate each once.
schema = Schema(
    query=Query,
    mutation=Mutation,
    extensions=[ErrorCodes, partial(ParserCache, maxsize=256), partial(ValidationCache, maxsize=256)],
)

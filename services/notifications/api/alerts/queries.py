"""Alert queries: pending alerts (of one opportunity, or of a page of them at once), the settings,
failed deliveries."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import strawberry

from services.notifications.api.alerts.permissions import IsAdmin
from services.notifications.api.alerts.types import AlertSettings, PendingAlert
from services.notifications.api.context import Context
from services.notifications.api.notifications.types import Delivery
from services.notifications.domain.errors import InvalidRequest, NotificationsError

MAX_BATCH = 200
"""Opportunities asked in one batched query: a board's page, with room to spare."""

S = TypeVar("S")
T = TypeVar("T")


def _batch(opportunity_ids: list[strawberry.ID]) -> list[str]:
    if len(opportunity_ids) > MAX_BATCH:
        raise InvalidRequest(
            f"Ask for at most {MAX_BATCH} opportunities at once.", {"field": "opportunityIds"}
        )
    return [str(i) for i in opportunity_ids]


def _shaped(results: list[S | NotificationsError], shape: Callable[[S], T]) -> list[T | NotificationsError]:
    """One answer per id, in the order asked. An unknown or forbidden id is an error at its own
    index (``path: [field, i]``, with its code) and null in the list; the others are unaffected
    (graphql-core raises an exception found in a list as that item's error)."""
    return [r if isinstance(r, NotificationsError) else shape(r) for r in results]


@strawberry.type
class AlertQueries:
    @strawberry.field(
        description="Alerts still to come for an opportunity you may see, soonest first. Nullable, so that "
        "when many are asked in one request (aliases) an unknown or forbidden one fails alone."
    )
    async def pending_alerts(
        self, info: strawberry.Info[Context, None], opportunity_id: strawberry.ID
    ) -> list[PendingAlert] | None:
        alerts = await info.context.pending_alerts.load(str(opportunity_id))
        return [PendingAlert.from_domain(a) for a in alerts]

    @strawberry.field(
        description="Pending alerts of many opportunities (a board's page) in one query, in the order "
        "asked, soonest first for each. An unknown or forbidden opportunity is null, with its own error."
    )
    async def pending_alerts_of(
        self, info: strawberry.Info[Context, None], opportunity_ids: list[strawberry.ID]
    ) -> list[list[PendingAlert] | None]:
        results = await info.context.alerts.pending_alerts(info.context.viewer, _batch(opportunity_ids))
        return _shaped(results, lambda alerts: [PendingAlert.from_domain(a) for a in alerts])  # type: ignore[return-value]

    @strawberry.field(
        description="How many alerts are still to come for each of many opportunities, in the order "
        "asked. An unknown or forbidden opportunity is null, with its own error."
    )
    async def pending_alert_counts(
        self, info: strawberry.Info[Context, None], opportunity_ids: list[strawberry.ID]
    ) -> list[int | None]:
        ids = _batch(opportunity_ids)
        return await info.context.alerts.pending_alert_counts(info.context.viewer, ids)  # type: ignore[return-value]

    @strawberry.field
    async def alert_settings(self, info: strawberry.Info[Context, None]) -> AlertSettings:
        return AlertSettings.from_domain(await info.context.alerts.settings())

    @strawberry.field(
        description="Deliveries given up after every retry, newest first.", permission_classes=[IsAdmin]
    )
    async def failed_deliveries(
        self, info: strawberry.Info[Context, None], first: int = 20
    ) -> list[Delivery]:
        docs = await info.context.alerts.failed_deliveries(info.context.viewer, first)
        return [Delivery.from_doc(doc) for doc in docs]

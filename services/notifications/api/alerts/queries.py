"""Alert queries: an opportunity's pending alerts, the settings, failed deliveries."""

from __future__ import annotations

import strawberry

from services.notifications.api.alerts.permissions import IsAdmin
from services.notifications.api.alerts.types import AlertSettings, PendingAlert
from services.notifications.api.context import Context
from services.notifications.api.notifications.types import Delivery


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

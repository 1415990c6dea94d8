"""Changing the alert settings (administrators)."""

from __future__ import annotations

import strawberry

from services.notifications.api.alerts.permissions import IsAdmin
from services.notifications.api.alerts.types import AlertSettings, AlertSettingsInput
from services.notifications.api.context import Context


@strawberry.type
class AlertMutations:
    @strawberry.mutation(
        description="Change some alert settings; omitted fields keep their value.",
        permission_classes=[IsAdmin],
    )
    async def update_alert_settings(
        self, info: strawberry.Info[Context, None], input: AlertSettingsInput
    ) -> AlertSettings:
        policy = await info.context.alerts.update_settings(info.context.viewer, input.changes())
        return AlertSettings.from_domain(policy)

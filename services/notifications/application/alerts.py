"""Pending alerts of opportunities, and the organisation's alert settings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from services.notifications.application.reading import (
    DeliveryReader,
    PolicyStore,
    ReplanRequests,
    ScheduleReader,
)
from services.notifications.domain.access import Viewer, can_view
from services.notifications.domain.errors import Forbidden, InvalidRequest, NotFound, NotificationsError
from services.notifications.domain.model import AlertPolicy, OpportunityCopy, ScheduledAlert
from services.notifications.domain.policy import updated_policy

T = TypeVar("T")


class AlertUseCases:
    def __init__(
        self,
        schedule: ScheduleReader,
        policies: PolicyStore,
        deliveries: DeliveryReader,
        replans: ReplanRequests,
    ) -> None:
        self._schedule = schedule
        self._policies = policies
        self._deliveries = deliveries
        self._replans = replans

    async def pending_alerts(
        self, viewer: Viewer, opportunity_ids: Sequence[str]
    ) -> list[list[ScheduledAlert] | NotificationsError]:
        """Per opportunity (in the order asked), its pending alerts, or why they are not shown:
        one query for the opportunities and one for their alerts, however many are asked."""
        opportunities = await self._schedule.opportunities(opportunity_ids)
        visible = [i for i in opportunity_ids if i in opportunities and can_view(viewer, opportunities[i])]
        alerts = await self._schedule.pending_alerts(visible) if visible else {}
        return _per_opportunity(opportunity_ids, opportunities, alerts)

    async def pending_alert_counts(
        self, viewer: Viewer, opportunity_ids: Sequence[str]
    ) -> list[int | NotificationsError]:
        """Per opportunity (in the order asked), how many alerts it has pending, or why that
        is not shown: one query (the copies keep the count's facts), however many are asked."""
        opportunities, counts = await self._schedule.opportunities_and_pending_counts(opportunity_ids)
        visible = {
            i: counts[i] for i in opportunity_ids if i in counts and can_view(viewer, opportunities[i])
        }
        return _per_opportunity(opportunity_ids, opportunities, visible)

    async def settings(self) -> AlertPolicy:
        return await self._policies.get()

    async def update_settings(self, viewer: Viewer, changes: dict[str, Any]) -> AlertPolicy:
        if viewer.role != "ADMIN":
            raise Forbidden("Only an administrator can change the alert settings.")
        before = await self._policies.get()
        policy = updated_policy(before, changes)
        await self._policies.save(policy)
        if _timing(policy) != _timing(before):
            # Pending alerts move to the new hour, zone or lead time (the consumer does it).
            await self._replans.request_all()
        return policy

    async def failed_deliveries(self, viewer: Viewer, first: int) -> list[dict[str, Any]]:
        if viewer.role != "ADMIN":
            raise Forbidden("Only an administrator can list failed deliveries.")
        if not 1 <= first <= 100:
            raise InvalidRequest("first must be between 1 and 100.", {"field": "first"})
        return await self._deliveries.failed(first)


def _per_opportunity(
    asked: Sequence[str], known: Mapping[str, OpportunityCopy], shown: Mapping[str, T]
) -> list[T | NotificationsError]:
    """In the order asked: what is shown of each, or why not (unknown, or not the viewer's)."""
    results: list[T | NotificationsError] = []
    for opportunity_id in asked:
        if opportunity_id not in known:
            results.append(
                NotFound(f"No opportunity {opportunity_id} is known here.", {"id": opportunity_id})
            )
        elif opportunity_id not in shown:
            results.append(
                Forbidden("You can see the alerts of your own (or, as a manager, your team's) opportunities.")
            )
        else:
            results.append(shown[opportunity_id])
    return results


def _timing(policy: AlertPolicy) -> tuple[object, ...]:
    return (policy.timezone, policy.alert_hour, policy.default_alert_days_before_close)

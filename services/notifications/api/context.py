"""The per-request context: who is calling (as the gateway vouched), the use cases, and a
fresh DataLoader (a loader made once per request caches only within it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from strawberry.dataloader import DataLoader

from servicekit.identity import Identity
from services.notifications.application.alerts import AlertUseCases
from services.notifications.application.inbox import InboxUseCases
from services.notifications.domain.access import Viewer
from services.notifications.domain.model import ScheduledAlert


@dataclass
class Context:
    identity: Identity
    inbox: InboxUseCases
    alerts: AlertUseCases
    deliveries: DataLoader[str, list[dict[str, Any]]]
    pending_alerts: DataLoader[str, list[ScheduledAlert]]
    """Batches the ``pendingAlerts`` of many opportunities (the gateway asks with aliases)."""

    @property
    def viewer(self) -> Viewer:
        return Viewer(self.identity.user_id, self.identity.role, self.identity.team)

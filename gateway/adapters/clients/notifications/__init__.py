from .alert_settings import AlertSettings, AlertSettingsResult
from .base_model import BaseModel
from .client import Client
from .enums import AlertKind, DeliveryChannel, DeliveryState, PendingAlertState
from .failed_deliveries import FailedDeliveries, FailedDeliveriesResult
from .fragments import (
    AlertSettingsFields,
    DeliveryFields,
    NotificationFields,
    NotificationFieldsDeliveries,
    PendingAlertFields,
)
from .input_types import AlertSettingsInput
from .mark_all_read import MarkAllRead
from .mark_many_read import MarkManyRead
from .mark_read import MarkRead, MarkReadResult
from .notifications import Notifications, NotificationsResult, NotificationsResultItems
from .pending_alert_counts import PendingAlertCounts
from .pending_alerts_of import PendingAlertsOf, PendingAlertsOfResult
from .service_base_client import ServiceBaseClient
from .unread_count import UnreadCount
from .update_alert_settings import UpdateAlertSettings, UpdateAlertSettingsResult

__all__ = [
    "AlertKind",
    "AlertSettings",
    "AlertSettingsFields",
    "AlertSettingsInput",
    "AlertSettingsResult",
    "BaseModel",
    "Client",
    "DeliveryChannel",
    "DeliveryFields",
    "DeliveryState",
    "FailedDeliveries",
    "FailedDeliveriesResult",
    "MarkAllRead",
    "MarkManyRead",
    "MarkRead",
    "MarkReadResult",
    "NotificationFields",
    "NotificationFieldsDeliveries",
    "Notifications",
    "NotificationsResult",
    "NotificationsResultItems",
    "PendingAlertCounts",
    "PendingAlertFields",
    "PendingAlertState",
    "PendingAlertsOf",
    "PendingAlertsOfResult",
    "ServiceBaseClient",
    "UnreadCount",
    "UpdateAlertSettings",
    "UpdateAlertSettingsResult",
]

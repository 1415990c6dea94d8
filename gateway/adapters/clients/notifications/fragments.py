from typing import Optional

from .base_model import BaseModel
from .enums import AlertKind, DeliveryChannel, DeliveryState, PendingAlertState


class AlertSettingsFields(BaseModel):
    timeZone: str
    alertHour: int
    overdueReminderDays: int
    defaultAlertDaysBeforeClose: int
    notifyManager: bool
    notifyAdmins: bool


class DeliveryFields(BaseModel):
    notificationId: str
    recipientId: str
    channel: DeliveryChannel
    state: DeliveryState
    attempts: int
    lastError: Optional[str]
    updatedAt: Optional[str]


class NotificationFields(BaseModel):
    id: str
    kind: AlertKind
    subject: str
    body: str
    opportunityIds: list[str]
    createdAt: str
    dueAt: str
    late: bool
    read: bool
    readAt: Optional[str]
    deliveries: list["NotificationFieldsDeliveries"]


class NotificationFieldsDeliveries(DeliveryFields):
    pass


class PendingAlertFields(BaseModel):
    id: str
    kind: AlertKind
    dueAt: str
    state: PendingAlertState
    ownerId: str
    occurrence: int


AlertSettingsFields.model_rebuild()
DeliveryFields.model_rebuild()
NotificationFields.model_rebuild()
PendingAlertFields.model_rebuild()

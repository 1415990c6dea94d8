from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import AlertKind, DeliveryChannel, DeliveryState, PendingAlertState


class AlertSettingsFields(BaseModel):
    time_zone: str = Field(alias="timeZone")
    alert_hour: int = Field(alias="alertHour")
    overdue_reminder_days: int = Field(alias="overdueReminderDays")
    default_alert_days_before_close: int = Field(alias="defaultAlertDaysBeforeClose")
    notify_manager: bool = Field(alias="notifyManager")
    notify_admins: bool = Field(alias="notifyAdmins")


class DeliveryFields(BaseModel):
    notification_id: str = Field(alias="notificationId")
    recipient_id: str = Field(alias="recipientId")
    channel: DeliveryChannel
    state: DeliveryState
    attempts: int
    last_error: Optional[str] = Field(alias="lastError")
    updated_at: Optional[str] = Field(alias="updatedAt")


class NotificationFields(BaseModel):
    id: str
    kind: AlertKind
    subject: str
    body: str
    opportunity_ids: list[str] = Field(alias="opportunityIds")
    created_at: str = Field(alias="createdAt")
    due_at: str = Field(alias="dueAt")
    late: bool
    read: bool
    read_at: Optional[str] = Field(alias="readAt")
    deliveries: list["NotificationFieldsDeliveries"]


class NotificationFieldsDeliveries(DeliveryFields):
    pass


class PendingAlertFields(BaseModel):
    id: str
    kind: AlertKind
    due_at: str = Field(alias="dueAt")
    state: PendingAlertState
    owner_id: str = Field(alias="ownerId")
    occurrence: int


AlertSettingsFields.model_rebuild()
DeliveryFields.model_rebuild()
NotificationFields.model_rebuild()
PendingAlertFields.model_rebuild()

from typing import Optional

from pydantic import Field

from .base_model import BaseModel


class AlertSettingsInput(BaseModel):
    time_zone: Optional[str] = Field(alias="timeZone", default=None)
    alert_hour: Optional[int] = Field(alias="alertHour", default=None)
    overdue_reminder_days: Optional[int] = Field(
        alias="overdueReminderDays", default=None
    )
    default_alert_days_before_close: Optional[int] = Field(
        alias="defaultAlertDaysBeforeClose", default=None
    )
    notify_manager: Optional[bool] = Field(alias="notifyManager", default=None)
    notify_admins: Optional[bool] = Field(alias="notifyAdmins", default=None)

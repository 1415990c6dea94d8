from typing import Optional

from .base_model import BaseModel


class AlertSettingsInput(BaseModel):
    timeZone: Optional[str] = None
    alertHour: Optional[int] = None
    overdueReminderDays: Optional[int] = None
    defaultAlertDaysBeforeClose: Optional[int] = None
    notifyManager: Optional[bool] = None
    notifyAdmins: Optional[bool] = None

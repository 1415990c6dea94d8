from typing import Optional

from .base_model import BaseModel
from .fragments import NotificationFields


class Notifications(BaseModel):
    result: "NotificationsResult"


class NotificationsResult(BaseModel):
    items: list["NotificationsResultItems"]
    endCursor: Optional[str]
    hasNextPage: bool


NotificationsResultItems = NotificationFields
Notifications.model_rebuild()
NotificationsResult.model_rebuild()

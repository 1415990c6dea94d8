from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import NotificationFields


class Notifications(BaseModel):
    result: "NotificationsResult"


class NotificationsResult(BaseModel):
    items: list["NotificationsResultItems"]
    end_cursor: Optional[str] = Field(alias="endCursor")
    has_next_page: bool = Field(alias="hasNextPage")


NotificationsResultItems = NotificationFields
Notifications.model_rebuild()
NotificationsResult.model_rebuild()

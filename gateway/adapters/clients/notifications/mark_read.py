from .base_model import BaseModel
from .fragments import NotificationFields


class MarkRead(BaseModel):
    result: "MarkReadResult"


MarkReadResult = NotificationFields
MarkRead.model_rebuild()

from .base_model import BaseModel


class UnreadCount(BaseModel):
    result: int

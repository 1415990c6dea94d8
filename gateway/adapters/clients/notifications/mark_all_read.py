from .base_model import BaseModel


class MarkAllRead(BaseModel):
    result: int

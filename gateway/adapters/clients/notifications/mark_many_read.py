from .base_model import BaseModel


class MarkManyRead(BaseModel):
    result: int

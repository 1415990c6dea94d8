from .base_model import BaseModel


class RemoveExchangeRate(BaseModel):
    result: bool

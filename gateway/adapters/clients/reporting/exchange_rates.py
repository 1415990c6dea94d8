from .base_model import BaseModel
from .fragments import RateFields


class ExchangeRates(BaseModel):
    result: list["ExchangeRatesResult"]


ExchangeRatesResult = RateFields
ExchangeRates.model_rebuild()

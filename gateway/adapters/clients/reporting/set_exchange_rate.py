from .base_model import BaseModel
from .fragments import RateFields


class SetExchangeRate(BaseModel):
    result: "SetExchangeRateResult"


SetExchangeRateResult = RateFields
SetExchangeRate.model_rebuild()

from .base_model import BaseModel
from .fragments import ForecastFields


class Forecast(BaseModel):
    result: "ForecastResult"


class ForecastResult(BaseModel):
    byRep: list["ForecastResultByRep"]
    byTeam: list["ForecastResultByTeam"]


ForecastResultByRep = ForecastFields
ForecastResultByTeam = ForecastFields
Forecast.model_rebuild()
ForecastResult.model_rebuild()

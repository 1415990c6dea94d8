from typing import Optional

from .base_model import BaseModel
from .fragments import PendingAlertFields


class PendingAlertsOf(BaseModel):
    result: list[Optional[list["PendingAlertsOfResult"]]]


PendingAlertsOfResult = PendingAlertFields
PendingAlertsOf.model_rebuild()

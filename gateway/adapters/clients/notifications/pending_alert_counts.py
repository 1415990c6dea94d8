from typing import Optional

from .base_model import BaseModel


class PendingAlertCounts(BaseModel):
    result: list[Optional[int]]

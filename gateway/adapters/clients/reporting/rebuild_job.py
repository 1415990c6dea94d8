from typing import Optional

from .base_model import BaseModel
from .fragments import RebuildJobFields


class RebuildJob(BaseModel):
    result: Optional["RebuildJobResult"]


RebuildJobResult = RebuildJobFields
RebuildJob.model_rebuild()

from .base_model import BaseModel
from .fragments import TimelineFields


class Timeline(BaseModel):
    result: "TimelineResult"


TimelineResult = TimelineFields
Timeline.model_rebuild()

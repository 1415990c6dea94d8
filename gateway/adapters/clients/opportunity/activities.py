from .base_model import BaseModel
from .fragments import ActivityFields


class Activities(BaseModel):
    result: list["ActivitiesResult"]


ActivitiesResult = ActivityFields
Activities.model_rebuild()

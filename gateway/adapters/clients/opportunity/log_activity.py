from .base_model import BaseModel
from .fragments import ActivityFields


class LogActivity(BaseModel):
    result: "LogActivityResult"


LogActivityResult = ActivityFields
LogActivity.model_rebuild()

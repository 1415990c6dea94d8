from .base_model import BaseModel
from .fragments import ActivityFields


class ReviseActivity(BaseModel):
    result: "ReviseActivityResult"


ReviseActivityResult = ActivityFields
ReviseActivity.model_rebuild()

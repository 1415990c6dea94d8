from .base_model import BaseModel
from .fragments import ActivityFields


class CompleteActivity(BaseModel):
    result: "CompleteActivityResult"


CompleteActivityResult = ActivityFields
CompleteActivity.model_rebuild()

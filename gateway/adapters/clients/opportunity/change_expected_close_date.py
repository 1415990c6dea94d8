from .base_model import BaseModel
from .fragments import OpportunityFields


class ChangeExpectedCloseDate(BaseModel):
    result: "ChangeExpectedCloseDateResult"


ChangeExpectedCloseDateResult = OpportunityFields
ChangeExpectedCloseDate.model_rebuild()

from .base_model import BaseModel
from .fragments import OpportunityHistoryFields


class OpportunityHistory(BaseModel):
    result: "OpportunityHistoryResult"


OpportunityHistoryResult = OpportunityHistoryFields
OpportunityHistory.model_rebuild()

from .base_model import BaseModel
from .fragments import OpportunityFields


class MoveOpportunityStage(BaseModel):
    result: "MoveOpportunityStageResult"


MoveOpportunityStageResult = OpportunityFields
MoveOpportunityStage.model_rebuild()

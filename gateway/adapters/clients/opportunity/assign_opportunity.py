from .base_model import BaseModel
from .fragments import OpportunityFields


class AssignOpportunity(BaseModel):
    result: "AssignOpportunityResult"


AssignOpportunityResult = OpportunityFields
AssignOpportunity.model_rebuild()

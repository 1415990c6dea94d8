from .base_model import BaseModel
from .fragments import OpportunityFields


class CreateOpportunity(BaseModel):
    result: "CreateOpportunityResult"


CreateOpportunityResult = OpportunityFields
CreateOpportunity.model_rebuild()

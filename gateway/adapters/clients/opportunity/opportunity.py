from .base_model import BaseModel
from .fragments import OpportunityFields


class Opportunity(BaseModel):
    result: "OpportunityResult"


OpportunityResult = OpportunityFields
Opportunity.model_rebuild()

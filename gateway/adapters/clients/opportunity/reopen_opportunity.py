from .base_model import BaseModel
from .fragments import OpportunityFields


class ReopenOpportunity(BaseModel):
    result: "ReopenOpportunityResult"


ReopenOpportunityResult = OpportunityFields
ReopenOpportunity.model_rebuild()

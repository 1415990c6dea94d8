from .base_model import BaseModel
from .fragments import OpportunityFields


class UpdateOpportunity(BaseModel):
    result: "UpdateOpportunityResult"


UpdateOpportunityResult = OpportunityFields
UpdateOpportunity.model_rebuild()

from .base_model import BaseModel
from .fragments import AssignmentResultFields


class DistributeOpportunities(BaseModel):
    result: "DistributeOpportunitiesResult"


DistributeOpportunitiesResult = AssignmentResultFields
DistributeOpportunities.model_rebuild()

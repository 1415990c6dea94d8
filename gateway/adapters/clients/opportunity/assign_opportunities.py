from .base_model import BaseModel
from .fragments import AssignmentResultFields


class AssignOpportunities(BaseModel):
    result: "AssignOpportunitiesResult"


AssignOpportunitiesResult = AssignmentResultFields
AssignOpportunities.model_rebuild()

from .base_model import BaseModel
from .fragments import AssignmentResultFields


class HandOverOpportunities(BaseModel):
    result: "HandOverOpportunitiesResult"


class HandOverOpportunitiesResult(BaseModel):
    assignment: "HandOverOpportunitiesResultAssignment"
    deactivated: bool


HandOverOpportunitiesResultAssignment = AssignmentResultFields
HandOverOpportunities.model_rebuild()
HandOverOpportunitiesResult.model_rebuild()

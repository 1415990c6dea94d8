from .base_model import BaseModel
from .fragments import PolicyFields


class AppraisalPolicies(BaseModel):
    result: list["AppraisalPoliciesResult"]


AppraisalPoliciesResult = PolicyFields
AppraisalPolicies.model_rebuild()

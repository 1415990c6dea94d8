from .base_model import BaseModel
from .fragments import PolicyFields


class AppraisalPolicy(BaseModel):
    result: "AppraisalPolicyResult"


AppraisalPolicyResult = PolicyFields
AppraisalPolicy.model_rebuild()

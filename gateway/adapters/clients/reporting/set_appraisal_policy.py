from .base_model import BaseModel
from .fragments import PolicyFields


class SetAppraisalPolicy(BaseModel):
    result: "SetAppraisalPolicyResult"


SetAppraisalPolicyResult = PolicyFields
SetAppraisalPolicy.model_rebuild()

from .base_model import BaseModel
from .fragments import OpportunityFields


class SetProbabilityOverride(BaseModel):
    result: "SetProbabilityOverrideResult"


SetProbabilityOverrideResult = OpportunityFields
SetProbabilityOverride.model_rebuild()

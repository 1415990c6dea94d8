from .base_model import BaseModel
from .fragments import EvidenceRequirementFields


class SetStageEvidence(BaseModel):
    result: list["SetStageEvidenceResult"]


SetStageEvidenceResult = EvidenceRequirementFields
SetStageEvidence.model_rebuild()

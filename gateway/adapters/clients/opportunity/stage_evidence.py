from .base_model import BaseModel
from .fragments import EvidenceRequirementFields


class StageEvidence(BaseModel):
    result: list["StageEvidenceResult"]


StageEvidenceResult = EvidenceRequirementFields
StageEvidence.model_rebuild()

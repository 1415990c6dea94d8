from .base_model import BaseModel
from .fragments import PipelineFields


class RetireLostReason(BaseModel):
    result: "RetireLostReasonResult"


RetireLostReasonResult = PipelineFields
RetireLostReason.model_rebuild()

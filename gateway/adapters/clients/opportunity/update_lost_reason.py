from .base_model import BaseModel
from .fragments import PipelineFields


class UpdateLostReason(BaseModel):
    result: "UpdateLostReasonResult"


UpdateLostReasonResult = PipelineFields
UpdateLostReason.model_rebuild()

from .base_model import BaseModel
from .fragments import PipelineFields


class AddLostReason(BaseModel):
    result: "AddLostReasonResult"


AddLostReasonResult = PipelineFields
AddLostReason.model_rebuild()

from .base_model import BaseModel
from .fragments import PipelineFields


class RetireStage(BaseModel):
    result: "RetireStageResult"


RetireStageResult = PipelineFields
RetireStage.model_rebuild()

from .base_model import BaseModel
from .fragments import PipelineFields


class AddStage(BaseModel):
    result: "AddStageResult"


AddStageResult = PipelineFields
AddStage.model_rebuild()

from .base_model import BaseModel
from .fragments import PipelineFields


class UpdateStage(BaseModel):
    result: "UpdateStageResult"


UpdateStageResult = PipelineFields
UpdateStage.model_rebuild()

from .base_model import BaseModel
from .fragments import PipelineFields


class ReorderStages(BaseModel):
    result: "ReorderStagesResult"


ReorderStagesResult = PipelineFields
ReorderStages.model_rebuild()

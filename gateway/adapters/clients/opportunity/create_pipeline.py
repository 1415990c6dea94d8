from .base_model import BaseModel
from .fragments import PipelineFields


class CreatePipeline(BaseModel):
    result: "CreatePipelineResult"


CreatePipelineResult = PipelineFields
CreatePipeline.model_rebuild()

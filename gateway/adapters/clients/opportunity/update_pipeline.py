from .base_model import BaseModel
from .fragments import PipelineFields


class UpdatePipeline(BaseModel):
    result: "UpdatePipelineResult"


UpdatePipelineResult = PipelineFields
UpdatePipeline.model_rebuild()

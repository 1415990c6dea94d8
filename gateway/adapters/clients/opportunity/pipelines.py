from .base_model import BaseModel
from .fragments import PipelineFields


class Pipelines(BaseModel):
    result: list["PipelinesResult"]


PipelinesResult = PipelineFields
Pipelines.model_rebuild()

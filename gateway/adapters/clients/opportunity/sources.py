from .base_model import BaseModel
from .fragments import SourceFields


class Sources(BaseModel):
    result: list["SourcesResult"]


SourcesResult = SourceFields
Sources.model_rebuild()

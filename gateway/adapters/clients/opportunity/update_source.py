from .base_model import BaseModel
from .fragments import SourceFields


class UpdateSource(BaseModel):
    result: "UpdateSourceResult"


UpdateSourceResult = SourceFields
UpdateSource.model_rebuild()

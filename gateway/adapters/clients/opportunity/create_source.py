from .base_model import BaseModel
from .fragments import SourceFields


class CreateSource(BaseModel):
    result: "CreateSourceResult"


CreateSourceResult = SourceFields
CreateSource.model_rebuild()

from .base_model import BaseModel
from .fragments import ImportJobFields


class ImportJob(BaseModel):
    result: "ImportJobResult"


ImportJobResult = ImportJobFields
ImportJob.model_rebuild()

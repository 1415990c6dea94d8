from .base_model import BaseModel
from .fragments import RebuildJobFields


class StartRebuild(BaseModel):
    result: "StartRebuildResult"


StartRebuildResult = RebuildJobFields
StartRebuild.model_rebuild()

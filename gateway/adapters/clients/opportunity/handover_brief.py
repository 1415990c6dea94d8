from .base_model import BaseModel
from .fragments import HandoverBriefFields


class HandoverBrief(BaseModel):
    result: "HandoverBriefResult"


HandoverBriefResult = HandoverBriefFields
HandoverBrief.model_rebuild()

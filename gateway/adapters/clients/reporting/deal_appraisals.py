from .base_model import BaseModel
from .fragments import DealAppraisalFields


class DealAppraisals(BaseModel):
    result: list["DealAppraisalsResult"]


DealAppraisalsResult = DealAppraisalFields
DealAppraisals.model_rebuild()

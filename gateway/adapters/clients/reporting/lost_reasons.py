from .base_model import BaseModel
from .fragments import LostGroupFields, ReasonCountFields


class LostReasons(BaseModel):
    result: "LostReasonsResult"


class LostReasonsResult(BaseModel):
    total: int
    reasons: list["LostReasonsResultReasons"]
    byStage: list["LostReasonsResultByStage"]
    byRep: list["LostReasonsResultByRep"]
    bySource: list["LostReasonsResultBySource"]


LostReasonsResultReasons = ReasonCountFields
LostReasonsResultByStage = LostGroupFields
LostReasonsResultByRep = LostGroupFields
LostReasonsResultBySource = LostGroupFields
LostReasons.model_rebuild()
LostReasonsResult.model_rebuild()

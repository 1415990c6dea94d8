from typing import Optional

from .base_model import BaseModel
from .fragments import MoneyFields, PolicyFields


class RepAppraisal(BaseModel):
    result: "RepAppraisalResult"


class RepAppraisalResult(BaseModel):
    policy: "RepAppraisalResultPolicy"
    reps: list["RepAppraisalResultReps"]


RepAppraisalResultPolicy = PolicyFields


class RepAppraisalResultReps(BaseModel):
    repId: str
    repName: Optional[str]
    owned: int
    won: int
    lost: int
    winRate: Optional[str]
    wonAmount: list["RepAppraisalResultRepsWonAmount"]
    averageCycleSeconds: Optional[int]
    overdue: int
    score: str


RepAppraisalResultRepsWonAmount = MoneyFields
RepAppraisal.model_rebuild()
RepAppraisalResult.model_rebuild()
RepAppraisalResultReps.model_rebuild()

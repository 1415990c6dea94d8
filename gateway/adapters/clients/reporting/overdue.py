from typing import Optional

from .base_model import BaseModel
from .fragments import MoneyFields


class Overdue(BaseModel):
    result: list["OverdueResult"]


class OverdueResult(BaseModel):
    repId: str
    repName: Optional[str]
    overdueCount: int
    overdueAmount: list["OverdueResultOverdueAmount"]
    opportunities: list["OverdueResultOpportunities"]
    closed: int
    closedLate: int
    slips: int
    slippedOpportunities: int


OverdueResultOverdueAmount = MoneyFields


class OverdueResultOpportunities(BaseModel):
    opportunityId: str
    title: str
    customerName: str
    stageKey: str
    expectedCloseDate: str
    daysOverdue: int
    amount: "OverdueResultOpportunitiesAmount"


OverdueResultOpportunitiesAmount = MoneyFields
Overdue.model_rebuild()
OverdueResult.model_rebuild()
OverdueResultOpportunities.model_rebuild()

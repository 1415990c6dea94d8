from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import CreditRule


class AppraisalPolicyInput(BaseModel):
    baseReward: str
    newCustomerBonus: str
    newProductBonus: str
    creditRule: CreditRule


class ExchangeRateInput(BaseModel):
    currency: str
    validFrom: str
    rate: str


class ReportFilterInput(BaseModel):
    """Period (from inclusive, to exclusive, UTC), pipeline and team."""

    from_: Optional[str] = Field(alias="from", default=None)
    to: Optional[str] = None
    pipelineId: Optional[str] = None
    team: Optional[str] = None

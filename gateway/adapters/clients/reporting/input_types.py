from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import CreditRule


class AppraisalPolicyInput(BaseModel):
    baseReward: str
    newCustomerBonus: str
    newProductBonus: str
    creditRule: CreditRule
    difficultyRules: Optional["DifficultyRulesInput"] = None
    "None: no rules (every deal 1 unless a manager set it)."
    launchWindowDays: Optional[int] = None
    "Also count a product launched at most this many days before a win as new."


class DifficultyRulesInput(BaseModel):
    """Bands of one currency may not overlap."""

    productLines: list["ProductLineRuleInput"] = Field(default_factory=lambda: [])
    segments: list["SegmentRuleInput"] = Field(default_factory=lambda: [])
    sizeBands: list["SizeBandRuleInput"] = Field(default_factory=lambda: [])


class ExchangeRateInput(BaseModel):
    currency: str
    validFrom: str
    rate: str


class ProductLineRuleInput(BaseModel):
    productLine: str
    factor: str
    "More than 0, at most 5, two decimals."


class ReportFilterInput(BaseModel):
    """Period (from inclusive, to exclusive, UTC), pipeline and team."""

    from_: Optional[str] = Field(alias="from", default=None)
    to: Optional[str] = None
    pipelineId: Optional[str] = None
    team: Optional[str] = None


class SegmentRuleInput(BaseModel):
    segment: str
    "As accounts keep it: SMB, MID_MARKET, ENTERPRISE ..."
    factor: str


class SizeBandRuleInput(BaseModel):
    currency: str
    minAmount: str
    maxAmount: Optional[str] = None
    factor: str


AppraisalPolicyInput.model_rebuild()
DifficultyRulesInput.model_rebuild()

from typing import Optional

from .base_model import BaseModel
from .enums import CreditRule, DifficultySource, NewProductReason, RebuildJobState


class CalibratedStageFields(BaseModel):
    stageKey: str
    stageName: str
    position: int
    configuredProbability: int
    reachedAndClosed: int
    won: int
    observedWinRate: Optional[str]


class DealAppraisalFields(BaseModel):
    opportunityId: str
    policyVersion: int
    difficulty: str
    difficultySource: DifficultySource
    rules: list["DealAppraisalFieldsRules"]
    newCustomer: bool
    newProduct: bool
    newProductReason: Optional[NewProductReason]
    reward: str


class DealAppraisalFieldsRules(BaseModel):
    kind: str
    key: str
    factor: str


class DurationFields(BaseModel):
    count: int
    meanSeconds: int
    medianSeconds: int
    p90Seconds: int


class ForecastFields(BaseModel):
    month: str
    group: str
    groupName: Optional[str]
    currency: str
    opportunities: int
    amount: str
    weighted: str


class ReasonCountFields(BaseModel):
    reasonKey: str
    nameEn: str
    nameZh: str
    count: int


class LostGroupFields(BaseModel):
    key: Optional[str]
    name: str
    pipelineId: Optional[str]
    total: int
    reasons: list["LostGroupFieldsReasons"]


class LostGroupFieldsReasons(ReasonCountFields):
    pass


class MoneyFields(BaseModel):
    currency: str
    amount: str


class PolicyFields(BaseModel):
    version: int
    baseReward: str
    newCustomerBonus: str
    newProductBonus: str
    creditRule: CreditRule
    createdAt: str
    createdBy: Optional[str]
    launchWindowDays: Optional[int]
    difficultyRules: "PolicyFieldsDifficultyRules"


class PolicyFieldsDifficultyRules(BaseModel):
    productLines: list["PolicyFieldsDifficultyRulesProductLines"]
    segments: list["PolicyFieldsDifficultyRulesSegments"]
    sizeBands: list["PolicyFieldsDifficultyRulesSizeBands"]


class PolicyFieldsDifficultyRulesProductLines(BaseModel):
    productLine: str
    factor: str


class PolicyFieldsDifficultyRulesSegments(BaseModel):
    segment: str
    factor: str


class PolicyFieldsDifficultyRulesSizeBands(BaseModel):
    currency: str
    minAmount: str
    maxAmount: Optional[str]
    factor: str


class RateFields(BaseModel):
    currency: str
    reportingCurrency: str
    validFrom: str
    rate: str
    setAt: str
    setBy: Optional[str]


class RebuildJobFields(BaseModel):
    id: str
    state: RebuildJobState
    replayedEvents: int
    totalEvents: Optional[int]
    generation: Optional[int]
    startedAt: str
    updatedAt: str
    finishedAt: Optional[str]
    error: Optional[str]


class SourceValueFields(BaseModel):
    key: str
    name: str
    kind: Optional[str]
    opportunities: int
    won: int
    lost: int
    winRate: Optional[str]
    averageCycleSeconds: Optional[int]
    newCustomers: int
    revenueByProductLine: list["SourceValueFieldsRevenueByProductLine"]
    money: list["SourceValueFieldsMoney"]


class SourceValueFieldsRevenueByProductLine(BaseModel):
    productLine: str
    currency: str
    amount: str


class SourceValueFieldsMoney(BaseModel):
    currency: str
    wonRevenue: str
    openPipeline: str
    weightedPipeline: str
    cost: str
    roi: Optional[str]
    costPerWon: Optional[str]
    costPerLead: Optional[str]


CalibratedStageFields.model_rebuild()
DealAppraisalFields.model_rebuild()
DurationFields.model_rebuild()
ForecastFields.model_rebuild()
ReasonCountFields.model_rebuild()
LostGroupFields.model_rebuild()
MoneyFields.model_rebuild()
PolicyFields.model_rebuild()
RateFields.model_rebuild()
RebuildJobFields.model_rebuild()
SourceValueFields.model_rebuild()

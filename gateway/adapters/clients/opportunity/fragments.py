from typing import Optional

from .base_model import BaseModel
from .enums import (
    ActivityKind,
    AssignmentReason,
    CardMatch,
    ColumnMatchedBy,
    ContactRole,
    ImportField,
    ImportMode,
    OpportunityStatus,
    Role,
    SourceCostKind,
    SourceKind,
    StageKind,
    TimelineEntryKind,
)


class ActivityFields(BaseModel):
    id: str
    opportunityId: str
    kind: ActivityKind
    current: "ActivityFieldsCurrent"
    revisions: list["ActivityFieldsRevisions"]
    attachmentIds: list[str]


class ActivityFieldsCurrent(BaseModel):
    number: int
    text: str
    occurredAt: str
    stageKey: str
    details: "ActivityFieldsCurrentDetails"
    recordedAt: str
    recordedBy: str
    reason: Optional[str]
    completedAt: Optional[str]


class ActivityFieldsCurrentDetails(BaseModel):
    courier: Optional[str]
    trackingNumber: Optional[str]
    items: Optional[str]
    amount: Optional[str]
    currency: Optional[str]
    validUntil: Optional[str]
    quoteNumber: Optional[str]
    phone: Optional[str]
    durationMinutes: Optional[int]
    direction: Optional[str]
    location: Optional[str]
    attendees: Optional[list[str]]
    subject: Optional[str]
    to: Optional[str]
    label: Optional[str]
    nextStep: Optional[str]
    nextStepDue: Optional[str]


class ActivityFieldsRevisions(BaseModel):
    number: int
    text: str
    occurredAt: str
    stageKey: str
    details: "ActivityFieldsRevisionsDetails"
    recordedAt: str
    recordedBy: str
    reason: Optional[str]
    completedAt: Optional[str]


class ActivityFieldsRevisionsDetails(BaseModel):
    courier: Optional[str]
    trackingNumber: Optional[str]
    items: Optional[str]
    amount: Optional[str]
    currency: Optional[str]
    validUntil: Optional[str]
    quoteNumber: Optional[str]
    phone: Optional[str]
    durationMinutes: Optional[int]
    direction: Optional[str]
    location: Optional[str]
    attendees: Optional[list[str]]
    subject: Optional[str]
    to: Optional[str]
    label: Optional[str]
    nextStep: Optional[str]
    nextStepDue: Optional[str]


class AssignmentEntryFields(BaseModel):
    fromOwnerId: Optional[str]
    toOwnerId: str
    by: str
    at: str
    reason: AssignmentReason
    note: Optional[str]


class AssignmentResultFields(BaseModel):
    assigned: list["AssignmentResultFieldsAssigned"]
    failures: list["AssignmentResultFieldsFailures"]
    byRep: list["AssignmentResultFieldsByRep"]
    assignedCount: int
    failedCount: int


class AssignmentResultFieldsAssigned(BaseModel):
    opportunityId: str
    ownerId: str
    version: int
    changed: bool


class AssignmentResultFieldsFailures(BaseModel):
    opportunityId: str
    code: str
    message: str


class AssignmentResultFieldsByRep(BaseModel):
    userId: str
    count: int
    opportunityIds: list[str]


class AttachmentFields(BaseModel):
    id: str
    activityId: str
    filename: str
    contentType: str
    size: int
    sha256: str
    uploadedAt: str
    uploadedBy: str
    downloadPath: str


class EvidenceRequirementFields(BaseModel):
    kind: ActivityKind
    anyOf: list[str]
    description: str


class HandoverBriefFields(BaseModel):
    handoverBrief: "HandoverBriefFieldsHandoverBrief"


class HandoverBriefFieldsHandoverBrief(BaseModel):
    stageKey: str
    stageName: str
    daysInStage: int
    lastContactAt: Optional[str]
    lastContactKind: Optional[ActivityKind]
    lastContactText: Optional[str]
    nextStep: Optional[str]
    nextStepDue: Optional[str]
    lastQuote: Optional["HandoverBriefFieldsHandoverBriefLastQuote"]
    evidenceOnFile: list["HandoverBriefFieldsHandoverBriefEvidenceOnFile"]
    attachmentCount: int
    missingEvidence: list[str]
    previousOwnerId: Optional[str]


class HandoverBriefFieldsHandoverBriefLastQuote(BaseModel):
    amount: str
    currency: str
    validUntil: Optional[str]
    occurredAt: str
    expired: bool


class HandoverBriefFieldsHandoverBriefEvidenceOnFile(BaseModel):
    kind: str
    count: int


class ImportJobFields(BaseModel):
    id: str
    status: str
    filename: str
    encoding: str
    mode: ImportMode
    totalRows: int
    validRows: int
    toCreate: int
    processed: int
    created: int
    percentDone: int
    problems: list["ImportJobFieldsProblems"]
    duplicates: list["ImportJobFieldsDuplicates"]
    createdAt: Optional[str]
    startedAt: Optional[str]
    finishedAt: Optional[str]
    error: Optional[str]
    links: list["ImportJobFieldsLinks"]
    columns: list["ImportJobFieldsColumns"]
    warnings: list[str]


class ImportJobFieldsProblems(BaseModel):
    line: int
    field: Optional[str]
    reason: str


class ImportJobFieldsDuplicates(BaseModel):
    line: int
    reason: str
    opportunityId: Optional[str]
    earlierLine: Optional[int]


class ImportJobFieldsLinks(BaseModel):
    line: int
    opportunityId: str
    accountId: str
    accountMatch: CardMatch
    contactId: str
    contactMatch: CardMatch


class ImportJobFieldsColumns(BaseModel):
    position: int
    header: str
    field: ImportField
    matchedBy: ColumnMatchedBy
    samples: list[str]


class LineItemFields(BaseModel):
    productId: str
    productCode: str
    productName: str
    productLine: str
    quantity: str
    unitPrice: "LineItemFieldsUnitPrice"
    discountPercent: str
    total: "LineItemFieldsTotal"


class LineItemFieldsUnitPrice(BaseModel):
    amount: str
    currency: str


class LineItemFieldsTotal(BaseModel):
    amount: str
    currency: str


class OpportunityFields(BaseModel):
    id: str
    title: str
    customerName: str
    isNewCustomer: bool
    products: list[str]
    isNewProduct: bool
    value: "OpportunityFieldsValue"
    ownerId: str
    team: Optional[str]
    pipelineId: str
    stage: "OpportunityFieldsStage"
    status: OpportunityStatus
    expectedCloseDate: str
    difficulty: str
    sourceId: Optional[str]
    lostReason: Optional[str]
    lostReasonKey: Optional[str]
    createdAt: str
    updatedAt: str
    closedAt: Optional[str]
    version: int
    probability: "OpportunityFieldsProbability"
    overdue: bool
    timeInCurrentStageSeconds: int
    rotting: bool
    accountId: Optional[str]
    contacts: list["OpportunityFieldsContacts"]
    lineItems: list["OpportunityFieldsLineItems"]


class OpportunityFieldsValue(BaseModel):
    amount: str
    currency: str


class OpportunityFieldsStage(BaseModel):
    key: str
    nameZh: str
    nameEn: str
    kind: StageKind


class OpportunityFieldsProbability(BaseModel):
    effective: int
    stageDefault: int
    overridden: bool
    override: Optional[int]


class OpportunityFieldsContacts(BaseModel):
    contactId: str
    role: ContactRole


class OpportunityFieldsLineItems(LineItemFields):
    pass


class OpportunityHistoryFields(BaseModel):
    stageHistory: list["OpportunityHistoryFieldsStageHistory"]
    closeDateHistory: list["OpportunityHistoryFieldsCloseDateHistory"]
    probabilityHistory: list["OpportunityHistoryFieldsProbabilityHistory"]
    difficultyHistory: list["OpportunityHistoryFieldsDifficultyHistory"]


class OpportunityHistoryFieldsStageHistory(BaseModel):
    stage: "OpportunityHistoryFieldsStageHistoryStage"
    enteredAt: str
    leftAt: Optional[str]
    enteredBy: str
    note: Optional[str]
    durationSeconds: int


class OpportunityHistoryFieldsStageHistoryStage(BaseModel):
    key: str
    nameZh: str
    nameEn: str
    kind: StageKind


class OpportunityHistoryFieldsCloseDateHistory(BaseModel):
    old: Optional[str]
    new: str
    at: str
    by: str
    reason: Optional[str]


class OpportunityHistoryFieldsProbabilityHistory(BaseModel):
    before: Optional[int]
    after: Optional[int]
    at: str
    by: str


class OpportunityHistoryFieldsDifficultyHistory(BaseModel):
    before: str
    after: str
    at: str
    by: str
    reason: str


class PipelineFields(BaseModel):
    id: str
    name: str
    alertDaysBeforeClose: int
    isDefault: bool
    version: int
    createdAt: str
    updatedAt: str
    stages: list["PipelineFieldsStages"]
    lostReasons: list["PipelineFieldsLostReasons"]


class PipelineFieldsStages(BaseModel):
    key: str
    nameZh: str
    nameEn: str
    probability: int
    kind: StageKind
    position: int
    rottingDays: Optional[int]
    retired: bool


class PipelineFieldsLostReasons(BaseModel):
    key: str
    nameZh: str
    nameEn: str
    retired: bool


class SourceFields(BaseModel):
    id: str
    name: str
    kind: SourceKind
    startsOn: Optional[str]
    endsOn: Optional[str]
    cost: Optional["SourceFieldsCost"]
    costs: list["SourceFieldsCosts"]
    version: int


class SourceFieldsCost(BaseModel):
    amount: str
    currency: str


class SourceFieldsCosts(BaseModel):
    kind: SourceCostKind
    amount: "SourceFieldsCostsAmount"
    startsOn: str
    endsOn: Optional[str]


class SourceFieldsCostsAmount(BaseModel):
    amount: str
    currency: str


class TimelineFields(BaseModel):
    timeline: list["TimelineFieldsTimeline"]


class TimelineFieldsTimeline(BaseModel):
    at: str
    kind: TimelineEntryKind
    by: str
    summary: str
    activityId: Optional[str]
    dataJson: str


class UserFields(BaseModel):
    id: str
    name: str
    email: str
    role: Role
    team: Optional[str]
    managerId: Optional[str]
    active: bool
    version: int
    chosenLocale: Optional[str]


ActivityFields.model_rebuild()
AssignmentEntryFields.model_rebuild()
AssignmentResultFields.model_rebuild()
AttachmentFields.model_rebuild()
EvidenceRequirementFields.model_rebuild()
HandoverBriefFields.model_rebuild()
ImportJobFields.model_rebuild()
LineItemFields.model_rebuild()
OpportunityFields.model_rebuild()
OpportunityHistoryFields.model_rebuild()
PipelineFields.model_rebuild()
SourceFields.model_rebuild()
TimelineFields.model_rebuild()
UserFields.model_rebuild()

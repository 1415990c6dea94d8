from typing import Optional

from pydantic import Field

from .base_model import BaseModel, Upload
from .enums import (
    ActivityKind,
    AssignmentReason,
    ContactRole,
    DistributionStrategy,
    ImportField,
    ImportMode,
    OpportunityStatus,
    Role,
    SourceCostKind,
    SourceKind,
    StageKind,
)


class AccountInput(BaseModel):
    name: Optional[str] = None
    taxNumber: Optional[str] = None
    "8 digits, checked."
    industry: Optional[str] = None
    segment: Optional[str] = None
    "SMB, MID_MARKET, ENTERPRISE or another key (written any case, with spaces or '-'); empty clears it."
    address: Optional[str] = None
    phones: Optional[list[str]] = None
    "As people write them: 02-2345-6789, 0912-345-678, +886 …"
    website: Optional[str] = None


class ActivityDetailsInput(BaseModel):
    courier: Optional[str] = None
    trackingNumber: Optional[str] = None
    items: Optional[str] = None
    amount: Optional[str] = None
    currency: Optional[str] = None
    validUntil: Optional[str] = None
    quoteNumber: Optional[str] = None
    phone: Optional[str] = None
    durationMinutes: Optional[int] = None
    direction: Optional[str] = None
    location: Optional[str] = None
    attendees: Optional[list[str]] = None
    subject: Optional[str] = None
    to: Optional[str] = None
    label: Optional[str] = None
    nextStep: Optional[str] = None
    nextStepDue: Optional[str] = None


class AddLostReasonInput(BaseModel):
    pipelineId: str
    expectedVersion: int
    key: str
    "Lowercase letters, digits, _; never reused in the pipeline."
    nameZh: str
    nameEn: str


class AddStageInput(BaseModel):
    pipelineId: str
    expectedVersion: int
    stage: "StageInput"
    position: Optional[int] = None
    "0-based; the end when omitted."


class AssignOpportunitiesInput(BaseModel):
    targets: list["AssignmentTargetInput"]
    "1 to 10,000 opportunities."
    toUserId: str
    reason: Optional[AssignmentReason] = None
    "Default: MANUAL for one, BULK for more."
    note: Optional[str] = None
    idempotencyKey: Optional[str] = None
    "Send the same key when retrying; already-applied work is not repeated."
    pipelineId: Optional[str] = None
    "When given, opportunities of another pipeline fail with WRONG_PIPELINE."


class AssignOpportunityInput(BaseModel):
    id: str
    expectedVersion: int
    toUserId: str
    note: Optional[str] = None


class AssignmentTargetInput(BaseModel):
    id: str
    expectedVersion: Optional[int] = None
    "The version last seen; a different stored version fails this id with CONFLICT."


class ChangeExpectedCloseDateInput(BaseModel):
    id: str
    expectedVersion: int
    expectedCloseDate: str
    reason: Optional[str] = None


class ColumnChoice(BaseModel):
    column: str
    "The column's header, or its 1-based number."
    field: ImportField


class CompleteActivityInput(BaseModel):
    activityId: str
    expectedRevision: int


class ContactInput(BaseModel):
    name: Optional[str] = None
    title: Optional[str] = None
    emails: Optional[list[str]] = None
    phones: Optional[list[str]] = None
    notes: Optional[str] = None
    doNotContact: Optional[bool] = None


class ContactLinkInput(BaseModel):
    contactId: str
    role: ContactRole


class CreateAccountInput(BaseModel):
    account: "AccountInput"
    ownerId: Optional[str] = None
    "Defaults to the caller."


class CreateContactInput(BaseModel):
    accountId: str
    contact: "ContactInput"


class CreateOpportunityInput(BaseModel):
    title: str
    customerName: str
    amount: str
    currency: str
    expectedCloseDate: str
    ownerId: Optional[str] = None
    "Defaults to the caller."
    pipelineId: Optional[str] = None
    "Defaults to the default pipeline."
    stageKey: Optional[str] = None
    "Defaults to the first open stage."
    isNewCustomer: Optional[bool] = None
    "Refused (DERIVED_FACT): worked out from the account's history when the deal is won."
    products: list[str] = Field(default_factory=lambda: [])
    isNewProduct: Optional[bool] = None
    "Refused (DERIVED_FACT): worked out from the account's history when the deal is won."
    sourceId: Optional[str] = None
    difficulty: Optional[str] = None
    "0.1 to 5.0; default 1.0. Managers and administrators only."
    note: Optional[str] = None


class CreatePipelineInput(BaseModel):
    name: str
    stages: list["StageInput"]
    alertDaysBeforeClose: int = 7


class CreateUserInput(BaseModel):
    name: str
    email: str
    role: Role
    team: Optional[str] = None
    managerId: Optional[str] = None
    id: Optional[str] = None
    "Keep an identity provider's id."


class DistributeOpportunitiesInput(BaseModel):
    targets: list["AssignmentTargetInput"]
    userIds: list[str]
    strategy: DistributionStrategy
    weightByAmount: bool = False
    note: Optional[str] = None
    idempotencyKey: Optional[str] = None
    pipelineId: Optional[str] = None


class EvidenceRequirementInput(BaseModel):
    kind: ActivityKind
    anyOf: list[str] = Field(default_factory=lambda: [])
    'Fields of which one must be filled, "attachment" for any file or "photo" for an image; empty: the activity itself suffices. Fields are named as in ActivityDetails ("trackingNumber"); the older "tracking_number" spelling is accepted too.'
    description: Optional[str] = None


class HandOverOpportunitiesInput(BaseModel):
    fromUserId: str
    toUserIds: list[str]
    "One successor, or several to distribute across."
    strategy: DistributionStrategy = DistributionStrategy.FEWEST_OPEN
    weightByAmount: bool = False
    opportunityIds: Optional[list[str]] = None
    "A subset; by default every open opportunity of the leaving rep."
    deactivateLeaver: bool = False
    note: Optional[str] = None
    idempotencyKey: Optional[str] = None


class ImportOpportunitiesInput(BaseModel):
    file: Upload
    toUserIds: list[str]
    "One rep, or several to distribute across."
    strategy: DistributionStrategy = DistributionStrategy.ROUND_ROBIN
    weightByAmount: bool = False
    sourceId: Optional[str] = None
    "The trade show, for example."
    pipelineId: Optional[str] = None
    expectedCloseDate: Optional[str] = None
    closeInDays: Optional[int] = None
    "Instead of a date: days from today."
    defaultCurrency: str = "TWD"
    mode: ImportMode = ImportMode.VALID_ROWS
    dryRun: bool = False
    "Only validate and propose the columns' fields; create nothing."
    mapping: Optional[list["ColumnChoice"]] = None
    "Your choice of field for some columns; the others are proposed."


class LineItemInput(BaseModel):
    productId: str
    quantity: str
    "More than zero."
    unitPrice: Optional[str] = None
    "Defaults to the product's list price (when listed in the deal's currency)."
    discountPercent: Optional[str] = None
    "0 to 100; default 0."


class LinkOpportunityAccountInput(BaseModel):
    opportunityId: str
    expectedVersion: int
    accountId: str
    contacts: list["ContactLinkInput"] = Field(default_factory=lambda: [])
    "The opportunity's contacts, replacing those it had."


class LogActivityInput(BaseModel):
    opportunityId: str
    kind: ActivityKind
    text: str = ""
    stageKey: Optional[str] = None
    "Default: the opportunity's current stage."
    occurredAt: Optional[str] = None
    "Default: now (server clock)."
    details: Optional["ActivityDetailsInput"] = None


class MergeInput(BaseModel):
    survivorId: str
    "The record that stays."
    mergedId: str
    "The record merged into it."


class MoveOpportunityStageInput(BaseModel):
    id: str
    expectedVersion: int
    stageKey: str
    note: Optional[str] = None
    lostReasonKey: Optional[str] = None
    "Required when moving to a LOST stage: an active key of the pipeline's lostReasons."
    lostReason: Optional[str] = None
    'Why it was lost, in words: required with lostReasonKey "other".'


class OpportunityFilter(BaseModel):
    ownerId: Optional[str] = None
    team: Optional[str] = None
    pipelineId: Optional[str] = None
    stageKey: Optional[str] = None
    status: Optional[OpportunityStatus] = None
    sourceId: Optional[str] = None
    closingWithinDays: Optional[int] = None
    "Open and expected to close between today and today + N days."
    closeDateFrom: Optional[str] = None
    "Expected to close on this day or later."
    closeDateTo: Optional[str] = None
    "Expected to close on this day or earlier."
    overdue: Optional[bool] = None
    "Open and past the expected close date."
    search: Optional[str] = None
    "Words of the title or customer name."
    createdFrom: Optional[str] = None
    createdTo: Optional[str] = None
    "Exclusive."


class ProductInput(BaseModel):
    code: Optional[str] = None
    nameZh: Optional[str] = None
    nameEn: Optional[str] = None
    productLine: Optional[str] = None
    listPrice: Optional[str] = None
    currency: Optional[str] = None
    launchDate: Optional[str] = None
    active: Optional[bool] = None


class ReopenOpportunityInput(BaseModel):
    id: str
    expectedVersion: int
    stageKey: str
    "The open stage to reopen into."
    note: Optional[str] = None


class ReorderStagesInput(BaseModel):
    pipelineId: str
    expectedVersion: int
    stageKeys: list[str]
    "Every stage key, retired ones too, in the new order."


class RetireLostReasonInput(BaseModel):
    pipelineId: str
    expectedVersion: int
    key: str


class RetireStageInput(BaseModel):
    pipelineId: str
    expectedVersion: int
    key: str


class ReviseActivityInput(BaseModel):
    activityId: str
    expectedRevision: int
    reason: Optional[str] = None
    text: Optional[str] = None
    occurredAt: Optional[str] = None
    stageKey: Optional[str] = None
    details: Optional["ActivityDetailsInput"] = None
    "Replaces the details when given."


class SetLineItemsInput(BaseModel):
    id: str
    expectedVersion: int
    lineItems: list["LineItemInput"]
    "Every line, replacing those kept; none: the deal's amount is typed again."
    currency: Optional[str] = None
    "ISO 4217; defaults to the deal's."


class SetProbabilityOverrideInput(BaseModel):
    id: str
    expectedVersion: int
    probability: Optional[int] = None
    "0-100; null clears the override."


class SetStageEvidenceInput(BaseModel):
    pipelineId: str
    stageKey: str
    requirements: list["EvidenceRequirementInput"]


class SourceCostInput(BaseModel):
    """One cost: on a day (startsOn), or spread evenly over startsOn to endsOn."""

    kind: SourceCostKind
    amount: str
    currency: str
    startsOn: str
    endsOn: Optional[str] = None


class SourceInput(BaseModel):
    name: Optional[str] = None
    kind: Optional[SourceKind] = None
    startsOn: Optional[str] = None
    endsOn: Optional[str] = None
    costAmount: Optional[str] = None
    costCurrency: Optional[str] = None
    costs: Optional[list["SourceCostInput"]] = None
    "Every dated cost, replacing those kept (the listed ones included)."


class StageInput(BaseModel):
    key: str
    "Lowercase letters, digits, _; never reused in the pipeline."
    nameZh: str
    nameEn: str
    probability: int
    kind: StageKind = StageKind.OPEN
    rottingDays: Optional[int] = None


class UpdateAccountInput(BaseModel):
    id: str
    expectedVersion: int
    account: "AccountInput"


class UpdateContactInput(BaseModel):
    id: str
    expectedVersion: int
    contact: "ContactInput"


class UpdateLostReasonInput(BaseModel):
    pipelineId: str
    expectedVersion: int
    key: str
    nameZh: Optional[str] = None
    nameEn: Optional[str] = None


class UpdateOpportunityInput(BaseModel):
    id: str
    expectedVersion: int
    title: Optional[str] = None
    customerName: Optional[str] = None
    isNewCustomer: Optional[bool] = None
    "Refused (DERIVED_FACT): worked out from the account's history when the deal is won."
    products: Optional[list[str]] = None
    isNewProduct: Optional[bool] = None
    "Refused (DERIVED_FACT): worked out from the account's history when the deal is won."
    amount: Optional[str] = None
    currency: Optional[str] = None
    sourceId: Optional[str] = None
    difficulty: Optional[str] = None
    "Managers and administrators only, with difficultyReason."
    difficultyReason: Optional[str] = None
    "Why the difficulty changes."


class UpdatePipelineInput(BaseModel):
    pipelineId: str
    expectedVersion: int
    name: Optional[str] = None
    alertDaysBeforeClose: Optional[int] = None


class UpdateStageInput(BaseModel):
    pipelineId: str
    expectedVersion: int
    key: str
    nameZh: Optional[str] = None
    nameEn: Optional[str] = None
    probability: Optional[int] = None
    rottingDays: Optional[int] = None
    clearRottingDays: bool = False


class UpdateUserInput(BaseModel):
    id: str
    expectedVersion: int
    name: Optional[str] = None
    email: Optional[str] = None
    role: Optional[Role] = None
    team: Optional[str] = None
    managerId: Optional[str] = None


AddStageInput.model_rebuild()
AssignOpportunitiesInput.model_rebuild()
CreateAccountInput.model_rebuild()
CreateContactInput.model_rebuild()
CreatePipelineInput.model_rebuild()
DistributeOpportunitiesInput.model_rebuild()
ImportOpportunitiesInput.model_rebuild()
LinkOpportunityAccountInput.model_rebuild()
LogActivityInput.model_rebuild()
ReviseActivityInput.model_rebuild()
SetLineItemsInput.model_rebuild()
SetStageEvidenceInput.model_rebuild()
SourceInput.model_rebuild()
UpdateAccountInput.model_rebuild()
UpdateContactInput.model_rebuild()

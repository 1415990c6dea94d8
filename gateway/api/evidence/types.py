"""Evidence kept at each stage (activities with their revisions and files), the timeline, and the
brief a successor reads first."""

from __future__ import annotations

from enum import Enum

import strawberry

from gateway.api.scalars import Date, DateTime, Decimal

UNSET = strawberry.UNSET


@strawberry.enum
class ActivityKind(Enum):
    NOTE = "NOTE"
    CALL = "CALL"
    MEETING = "MEETING"
    EMAIL = "EMAIL"
    SAMPLE_SENT = "SAMPLE_SENT"
    QUOTE = "QUOTE"
    OTHER = "OTHER"


@strawberry.type
class ActivityDetails:
    courier: str | None
    tracking_number: str | None
    items: str | None
    amount: Decimal | None
    currency: str | None
    valid_until: Date | None
    quote_number: str | None
    phone: str | None
    duration_minutes: int | None
    direction: str | None
    location: str | None
    attendees: list[str] | None
    subject: str | None
    to: str | None
    label: str | None
    next_step: str | None
    next_step_due: Date | None


@strawberry.input
class ActivityDetailsInput:
    courier: str | None = UNSET
    tracking_number: str | None = UNSET
    items: str | None = UNSET
    amount: Decimal | None = UNSET
    currency: str | None = UNSET
    valid_until: Date | None = UNSET
    quote_number: str | None = UNSET
    phone: str | None = UNSET
    duration_minutes: int | None = UNSET
    direction: str | None = UNSET
    location: str | None = UNSET
    attendees: list[str] | None = UNSET
    subject: str | None = UNSET
    to: str | None = UNSET
    label: str | None = UNSET
    next_step: str | None = UNSET
    next_step_due: Date | None = UNSET


@strawberry.type
class ActivityRevision:
    number: int
    text: str
    occurred_at: DateTime
    stage_key: str
    details: ActivityDetails
    recorded_at: DateTime
    recorded_by: strawberry.ID
    reason: str | None
    completed_at: DateTime | None = strawberry.field(
        default=None,
        description="When the next step was marked done (kept by later corrections); its reminder is then cancelled.",
    )


@strawberry.type
class Activity:
    id: strawberry.ID
    opportunity_id: strawberry.ID
    kind: ActivityKind
    current: ActivityRevision
    revisions: list[ActivityRevision] = strawberry.field(description="Oldest first; corrections never erase.")
    attachment_ids: list[strawberry.ID]


@strawberry.type
class Attachment:
    id: strawberry.ID
    activity_id: strawberry.ID
    filename: str
    content_type: str = strawberry.field(description="As sniffed from the bytes.")
    size: int
    sha256: str
    uploaded_at: DateTime
    uploaded_by: strawberry.ID
    download_path: str = strawberry.field(description="GET it from the gateway with the same bearer token.")


@strawberry.type
class EvidenceRequirement:
    kind: ActivityKind
    any_of: list[str] = strawberry.field(description='Named as in ActivityDetails ("trackingNumber").')
    description: str


@strawberry.input
class EvidenceRequirementInput:
    kind: ActivityKind
    any_of: list[str] = strawberry.field(
        default_factory=list,
        description=(
            'Fields of which one must be filled, "attachment" for any file or "photo" for an image, '
            'named as in ActivityDetails ("trackingNumber"); "tracking_number" is accepted too.'
        ),
    )
    description: str | None = UNSET


@strawberry.input
class SetStageEvidenceInput:
    pipeline_id: strawberry.ID
    stage_key: str
    requirements: list[EvidenceRequirementInput]


@strawberry.input
class LogActivityInput:
    opportunity_id: strawberry.ID
    kind: ActivityKind
    text: str = ""
    stage_key: str | None = strawberry.field(default=UNSET, description="Default: the current stage.")
    occurred_at: DateTime | None = strawberry.field(default=UNSET, description="Default: now.")
    details: ActivityDetailsInput | None = UNSET


@strawberry.input
class ReviseActivityInput:
    activity_id: strawberry.ID
    expected_revision: int
    reason: str | None = UNSET
    text: str | None = UNSET
    occurred_at: DateTime | None = UNSET
    stage_key: str | None = UNSET
    details: ActivityDetailsInput | None = UNSET


@strawberry.input
class CompleteActivityInput:
    activity_id: strawberry.ID
    expected_revision: int


@strawberry.enum
class TimelineEntryKind(Enum):
    CREATED = "CREATED"
    STAGE_MOVE = "STAGE_MOVE"
    ASSIGNMENT = "ASSIGNMENT"
    CLOSE_DATE = "CLOSE_DATE"
    PROBABILITY = "PROBABILITY"
    ACTIVITY = "ACTIVITY"
    ACCOUNT = "ACCOUNT"


@strawberry.type
class TimelineEntry:
    at: DateTime
    kind: TimelineEntryKind
    by: strawberry.ID
    summary: str
    activity_id: strawberry.ID | None
    data_json: str


@strawberry.type
class LastQuote:
    amount: Decimal
    currency: str
    valid_until: Date | None
    occurred_at: DateTime
    expired: bool


@strawberry.type
class EvidenceCount:
    kind: str
    count: int


@strawberry.type(description="What a successor reads first: where it stands and what was done.")
class HandoverBrief:
    stage_key: str
    stage_name: str
    days_in_stage: int
    last_contact_at: DateTime | None
    last_contact_kind: ActivityKind | None
    last_contact_text: str | None
    next_step: str | None
    next_step_due: Date | None
    last_quote: LastQuote | None
    evidence_on_file: list[EvidenceCount]
    attachment_count: int
    missing_evidence: list[str]
    previous_owner_id: strawberry.ID | None

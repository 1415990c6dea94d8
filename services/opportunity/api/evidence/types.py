"""GraphQL types of activities, attachments and stage evidence requirements."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry

from services.opportunity.api.scalars import DecimalString, decimal_out
from services.opportunity.application.work_ports import StoredFile
from services.opportunity.domain.evidence import Activity as DomainActivity
from services.opportunity.domain.evidence import ActivityKind, EvidenceRequirement, api_field
from services.opportunity.domain.evidence import Revision as DomainRevision

strawberry.enum(ActivityKind, name="ActivityKind")


@strawberry.input
class ActivityDetailsInput:
    """Kind-specific fields; each kind accepts its own (a sample: courier, trackingNumber, items;
    a quote: amount, currency, validUntil, quoteNumber). Any kind may give a next step."""

    courier: str | None = None
    tracking_number: str | None = None
    items: str | None = None
    amount: DecimalString | None = None
    currency: str | None = None
    valid_until: date | None = None
    quote_number: str | None = None
    phone: str | None = None
    duration_minutes: int | None = None
    direction: str | None = None
    location: str | None = None
    attendees: list[str] | None = None
    subject: str | None = None
    to: str | None = None
    label: str | None = None
    next_step: str | None = None
    next_step_due: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if v is not None}


@strawberry.type
class ActivityDetails:
    courier: str | None = None
    tracking_number: str | None = None
    items: str | None = None
    amount: DecimalString | None = None
    currency: str | None = None
    valid_until: date | None = None
    quote_number: str | None = None
    phone: str | None = None
    duration_minutes: int | None = None
    direction: str | None = None
    location: str | None = None
    attendees: list[str] | None = None
    subject: str | None = None
    to: str | None = None
    label: str | None = None
    next_step: str | None = None
    next_step_due: date | None = None

    @classmethod
    def from_domain(cls, details: Any) -> ActivityDetails:
        values = dict(details)
        if isinstance(values.get("amount"), Decimal):
            values["amount"] = decimal_out(values["amount"])
        return cls(**values)


@strawberry.type
class ActivityRevision:
    number: int
    text: str
    occurred_at: datetime
    stage_key: str
    details: ActivityDetails
    recorded_at: datetime = strawberry.field(description="Set by the server.")
    recorded_by: strawberry.ID
    reason: str | None
    completed_at: datetime | None = strawberry.field(
        default=None, description="When the next step was marked done (kept by later corrections)."
    )

    @classmethod
    def from_domain(cls, r: DomainRevision) -> ActivityRevision:
        return cls(
            number=r.number, text=r.text, occurred_at=r.occurred_at, stage_key=r.stage_key,
            details=ActivityDetails.from_domain(r.details), recorded_at=r.recorded_at,
            recorded_by=strawberry.ID(r.recorded_by), reason=r.reason, completed_at=r.completed_at,
        )  # fmt: skip


@strawberry.type
class Attachment:
    id: strawberry.ID
    activity_id: strawberry.ID
    filename: str
    content_type: str = strawberry.field(description="As sniffed from the bytes.")
    size: int
    sha256: str
    uploaded_at: datetime
    uploaded_by: strawberry.ID
    download_path: str = strawberry.field(description="GET it with the same identity header.")

    @classmethod
    def from_domain(cls, f: StoredFile) -> Attachment:
        return cls(
            id=strawberry.ID(f.id), activity_id=strawberry.ID(f.activity_id), filename=f.filename,
            content_type=f.content_type, size=f.size, sha256=f.sha256, uploaded_at=f.uploaded_at,
            uploaded_by=strawberry.ID(f.uploaded_by), download_path=f"/attachments/{f.id}",
        )  # fmt: skip


@strawberry.type
class Activity:
    id: strawberry.ID
    opportunity_id: strawberry.ID
    kind: ActivityKind
    current: ActivityRevision
    revisions: list[ActivityRevision] = strawberry.field(description="Oldest first; corrections never erase.")
    attachment_ids: list[strawberry.ID]

    @classmethod
    def from_domain(cls, a: DomainActivity) -> Activity:
        revisions = [ActivityRevision.from_domain(r) for r in a.revisions]
        return cls(
            id=strawberry.ID(a.id), opportunity_id=strawberry.ID(a.opportunity_id), kind=a.kind,
            current=revisions[-1], revisions=revisions, attachment_ids=[strawberry.ID(i) for i in a.attachment_ids],
        )  # fmt: skip


@strawberry.input
class EvidenceRequirementInput:
    kind: ActivityKind
    any_of: list[str] = strawberry.field(
        default_factory=list,
        description=(
            'Fields of which one must be filled, "attachment" for any file or "photo" for an image; '
            "empty: the activity itself suffices. Fields are named as in ActivityDetails "
            '("trackingNumber"); the older "tracking_number" spelling is accepted too.'
        ),
    )
    description: str | None = None


@strawberry.type
class EvidenceRequirementType:
    kind: ActivityKind
    any_of: list[str]
    description: str

    @classmethod
    def from_domain(cls, r: EvidenceRequirement) -> EvidenceRequirementType:
        return cls(kind=r.kind, any_of=[api_field(f) for f in r.any_of], description=r.describe())

"""Who owns an opportunity and the evidence kept on it: assignments, activities, attachments.

``opportunity.assigned`` is about the opportunity (subject = opportunity id, sequence = its
version after the change). Activities and attachments do not change the opportunity: their
subject is the activity (sequence = revision number) or the attachment (sequence 1), and they
carry the opportunity's id and current snapshot so a consumer need not call back.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import Field

from contracts.events._base import Actor, EventData
from contracts.events.opportunity import OpportunitySnapshot


class AssignmentReason(StrEnum):
    INITIAL = "INITIAL"
    MANUAL = "MANUAL"
    BULK = "BULK"
    DISTRIBUTION = "DISTRIBUTION"
    HANDOVER = "HANDOVER"


class OpportunityAssigned(EventData):
    opportunity: OpportunitySnapshot
    by: Actor
    from_owner_id: str | None = Field(description="None when the opportunity had no owner before.")
    to_owner_id: str
    reason: AssignmentReason
    assigned_at: datetime
    request_id: str | None = Field(default=None, description="The bulk request or import it belongs to.")
    note: str | None = None


class ActivityKind(StrEnum):
    NOTE = "NOTE"
    CALL = "CALL"
    MEETING = "MEETING"
    EMAIL = "EMAIL"
    SAMPLE_SENT = "SAMPLE_SENT"
    QUOTE = "QUOTE"
    OTHER = "OTHER"


class ActivitySnapshot(EventData):
    id: str
    opportunity_id: str
    kind: ActivityKind
    stage_key: str
    text: str
    occurred_at: datetime
    details: dict[str, Any] = Field(
        default_factory=dict,
        description="Kind-specific fields: courier and tracking_number for a sample; amount "
        "(decimal string), currency and valid_until for a quote.",
    )
    revision: int = Field(ge=1, description="1 when logged; each correction adds one.")
    recorded_at: datetime
    recorded_by: str
    attachment_count: int = Field(default=0, ge=0)
    due_on: date | None = Field(
        default=None, description="The day its next step is due (details.next_step_due), if any."
    )
    completed_at: datetime | None = Field(
        default=None, description="When its next step was marked done; None while it is still to do."
    )


class ActivityLogged(EventData):
    """Payload of ``activity.logged``: a new activity, or a correction or its completion
    (``revision`` > 1)."""

    activity: ActivitySnapshot
    opportunity: OpportunitySnapshot
    by: Actor
    reason: str | None = Field(default=None, description="Why a correction was made.")


class AttachmentSnapshot(EventData):
    id: str
    activity_id: str
    opportunity_id: str
    filename: str
    content_type: str
    size: int = Field(ge=0)
    sha256: str = Field(min_length=64, max_length=64)
    uploaded_at: datetime
    uploaded_by: str


class AttachmentAdded(EventData):
    attachment: AttachmentSnapshot
    opportunity: OpportunitySnapshot
    by: Actor

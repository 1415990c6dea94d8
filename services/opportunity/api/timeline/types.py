"""GraphQL types of the timeline and the handover brief."""

from __future__ import annotations

import json
from datetime import date, datetime

import strawberry

from services.opportunity.api.scalars import DecimalString
from services.opportunity.domain.evidence import ActivityKind
from services.opportunity.domain.timeline import EntryKind
from services.opportunity.domain.timeline import HandoverBrief as DomainBrief
from services.opportunity.domain.timeline import TimelineEntry as DomainEntry

strawberry.enum(EntryKind, name="TimelineEntryKind")


@strawberry.type
class TimelineEntry:
    at: datetime
    kind: EntryKind
    by: strawberry.ID
    summary: str
    activity_id: strawberry.ID | None
    data_json: str = strawberry.field(
        description="The entry's facts (from/to, old/new ...) as a JSON object."
    )

    @classmethod
    def from_domain(cls, e: DomainEntry) -> TimelineEntry:
        return cls(
            at=e.at, kind=e.kind, by=strawberry.ID(e.by), summary=e.summary,
            activity_id=strawberry.ID(e.activity_id) if e.activity_id else None,
            data_json=json.dumps(e.data, ensure_ascii=False, default=str),
        )  # fmt: skip


@strawberry.type
class LastQuote:
    amount: DecimalString
    currency: str
    valid_until: date | None
    occurred_at: datetime
    expired: bool


@strawberry.type
class EvidenceCount:
    kind: str
    count: int


@strawberry.type
class HandoverBrief:
    stage_key: str
    stage_name: str
    days_in_stage: int
    last_contact_at: datetime | None
    last_contact_kind: ActivityKind | None
    last_contact_text: str | None
    next_step: str | None
    next_step_due: date | None
    last_quote: LastQuote | None
    evidence_on_file: list[EvidenceCount]
    attachment_count: int
    missing_evidence: list[str] = strawberry.field(description="What the current stage still requires.")
    previous_owner_id: strawberry.ID | None

    @classmethod
    def from_domain(cls, b: DomainBrief) -> HandoverBrief:
        quote = b.last_quote
        return cls(
            stage_key=b.stage_key, stage_name=b.stage_name, days_in_stage=b.days_in_stage,
            last_contact_at=b.last_contact_at, last_contact_kind=b.last_contact_kind,
            last_contact_text=b.last_contact_text, next_step=b.next_step, next_step_due=b.next_step_due,
            last_quote=LastQuote(
                amount=DecimalString(quote.amount), currency=quote.currency, valid_until=quote.valid_until,
                occurred_at=quote.occurred_at, expired=quote.expired,
            ) if quote else None,
            evidence_on_file=[EvidenceCount(kind=k, count=n) for k, n in sorted(b.evidence_counts.items())],
            attachment_count=b.attachment_count, missing_evidence=b.missing_evidence,
            previous_owner_id=strawberry.ID(b.previous_owner_id) if b.previous_owner_id else None,
        )  # fmt: skip

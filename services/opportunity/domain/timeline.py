"""What a successor reads first: one chronological timeline of everything that happened to an
opportunity, and a short handover brief drawn from it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from services.opportunity.domain.assignment import AssignmentEntry
from services.opportunity.domain.evidence import Activity, ActivityKind, EvidenceRequirement, missing_evidence
from services.opportunity.domain.opportunity import Opportunity

CONTACT_KINDS = frozenset(
    {
        ActivityKind.CALL,
        ActivityKind.MEETING,
        ActivityKind.EMAIL,
        ActivityKind.SAMPLE_SENT,
        ActivityKind.QUOTE,
    }
)
"""Activities that mean someone was in touch with the customer (a note is not contact)."""


class EntryKind(StrEnum):
    CREATED = "CREATED"
    STAGE_MOVE = "STAGE_MOVE"
    ASSIGNMENT = "ASSIGNMENT"
    CLOSE_DATE = "CLOSE_DATE"
    PROBABILITY = "PROBABILITY"
    ACTIVITY = "ACTIVITY"
    ACCOUNT = "ACCOUNT"


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: EntryKind
    by: str
    summary: str
    activity_id: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


def timeline(
    opportunity: Opportunity, assignments: Sequence[AssignmentEntry], activities: Sequence[Activity]
) -> list[TimelineEntry]:
    """Oldest first; entries at the same instant keep the order they were recorded in."""
    entries: list[TimelineEntry] = []
    for change in opportunity.stage_history:
        if change.from_stage is None:
            entries.append(
                TimelineEntry(
                    change.at, EntryKind.CREATED, change.by, f"Created in {change.to_stage.name_en}"
                )
            )
            continue
        entries.append(
            TimelineEntry(
                change.at, EntryKind.STAGE_MOVE, change.by,
                f"Moved from {change.from_stage.name_en} to {change.to_stage.name_en}",
                data={"from": change.from_stage.key, "to": change.to_stage.key, "note": change.note},
            )
        )  # fmt: skip
    for a in assignments:
        if a.from_owner_id is None:
            continue  # the first owner: part of creating the opportunity
        entries.append(
            TimelineEntry(
                a.at, EntryKind.ASSIGNMENT, a.by_user_id,
                f"Assigned to {a.to_owner_id} ({a.reason.value.lower()})",
                data={"from": a.from_owner_id, "to": a.to_owner_id, "reason": a.reason.value, "note": a.note},
            )
        )  # fmt: skip
    for c in opportunity.close_date_history:
        if c.old is None:
            continue  # the first date is part of creating the opportunity
        entries.append(
            TimelineEntry(
                c.at, EntryKind.CLOSE_DATE, c.by, f"Expected close date {c.old} → {c.new}",
                data={"old": c.old.isoformat(), "new": c.new.isoformat(), "reason": c.reason},
            )
        )  # fmt: skip
    for p in opportunity.probability_history:
        what = "cleared" if p.after is None else f"set to {p.after}%"
        entries.append(
            TimelineEntry(
                p.at, EntryKind.PROBABILITY, p.by, f"Probability override {what}",
                data={"before": p.before, "after": p.after},
            )
        )  # fmt: skip
    for link in opportunity.account_history:
        entries.append(
            TimelineEntry(
                link.at, EntryKind.ACCOUNT, link.by, link.summary,
                data={
                    "from": link.old_account_id, "to": link.new_account_id, "reason": link.reason,
                    "mergedFrom": link.merged_from,
                },
            )
        )  # fmt: skip
    for act in activities:
        first = act.revisions[0]
        kind = act.kind.value.lower().replace("_", " ")
        revised = f" (revised {len(act.revisions) - 1}×)" if len(act.revisions) > 1 else ""
        entries.append(
            TimelineEntry(
                act.occurred_at, EntryKind.ACTIVITY, first.recorded_by,
                f"{kind.capitalize()}: {act.current.text[:120]}{revised}", activity_id=act.id,
                data={"kind": act.kind.value, "stage": act.stage_key, "attachments": len(act.attachment_ids)},
            )
        )  # fmt: skip
    return sorted(entries, key=lambda e: e.at)


@dataclass(frozen=True)
class LastQuote:
    amount: str
    currency: str
    valid_until: date | None
    occurred_at: datetime
    expired: bool


@dataclass(frozen=True)
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
    evidence_counts: dict[str, int]
    attachment_count: int
    missing_evidence: list[str]
    previous_owner_id: str | None


def handover_brief(
    opportunity: Opportunity,
    activities: Sequence[Activity],
    assignments: Sequence[AssignmentEntry],
    requirements: Sequence[EvidenceRequirement],
    now: datetime,
) -> HandoverBrief:
    by_time = sorted(activities, key=lambda a: a.occurred_at)
    contacts = [a for a in by_time if a.kind in CONTACT_KINDS]
    last_contact = contacts[-1] if contacts else None
    with_next = [a for a in by_time if a.current.details.get("next_step")]
    next_step = with_next[-1].current.details if with_next else {}
    quotes = [a for a in by_time if a.kind is ActivityKind.QUOTE]
    last_quote = None
    if quotes:
        q = quotes[-1].current.details
        valid_until = q.get("valid_until")
        last_quote = LastQuote(
            amount=str(q["amount"]), currency=str(q["currency"]), valid_until=valid_until,
            occurred_at=quotes[-1].occurred_at,
            expired=valid_until is not None and valid_until < now.date(),
        )  # fmt: skip
    history = sorted(assignments, key=lambda a: a.at)
    return HandoverBrief(
        stage_key=opportunity.stage.key,
        stage_name=opportunity.stage.name_en,
        days_in_stage=opportunity.seconds_in_current_stage(now) // 86400,
        last_contact_at=last_contact.occurred_at if last_contact else None,
        last_contact_kind=last_contact.kind if last_contact else None,
        last_contact_text=last_contact.current.text if last_contact else None,
        next_step=next_step.get("next_step"),
        next_step_due=next_step.get("next_step_due"),
        last_quote=last_quote,
        evidence_counts=dict(Counter(a.kind.value for a in activities)),
        attachment_count=sum(len(a.attachment_ids) for a in activities),
        missing_evidence=[
            r.describe() for r in missing_evidence(requirements, opportunity.stage.key, activities)
        ]
        if opportunity.is_open
        else [],
        previous_owner_id=history[-1].from_owner_id if history else None,
    )

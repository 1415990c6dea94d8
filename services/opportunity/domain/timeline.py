"""What a successor reads first: one chronological timeline of everything that happened to an
opportunity, and a short handover brief drawn from it, in the reader's language."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from servicekit.i18n import DEFAULT_LOCALE, translate
from services.opportunity.domain.assignment import AssignmentEntry, AssignmentReason
from services.opportunity.domain.evidence import Activity, ActivityKind, EvidenceRequirement, missing_evidence
from services.opportunity.domain.history import StageRef
from services.opportunity.domain.opportunity import Opportunity
from services.opportunity.domain.pipeline import Stage

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


def stage_name(stage: Stage | StageRef, locale: str) -> str:
    """A stage's name in the reader's language (a pipeline names each stage in both)."""
    return stage.name_zh if locale == "zh-TW" else stage.name_en


def _activity_word(kind: ActivityKind, locale: str) -> str:
    words = {
        ActivityKind.NOTE: translate("Note", locale),
        ActivityKind.CALL: translate("Call", locale),
        ActivityKind.MEETING: translate("Meeting", locale),
        ActivityKind.EMAIL: translate("E-mail", locale),
        ActivityKind.SAMPLE_SENT: translate("Sample sent", locale),
        ActivityKind.QUOTE: translate("Quote", locale),
        ActivityKind.OTHER: translate("Other", locale),
    }
    return words[kind]


def _reason_word(reason: AssignmentReason, locale: str) -> str:
    words = {
        AssignmentReason.INITIAL: translate("initial", locale),
        AssignmentReason.MANUAL: translate("manual", locale),
        AssignmentReason.BULK: translate("bulk", locale),
        AssignmentReason.DISTRIBUTION: translate("distribution", locale),
        AssignmentReason.HANDOVER: translate("handover", locale),
    }
    return words[reason]


def timeline(
    opportunity: Opportunity,
    assignments: Sequence[AssignmentEntry],
    activities: Sequence[Activity],
    locale: str = DEFAULT_LOCALE,
) -> list[TimelineEntry]:
    """Oldest first; entries at the same instant keep the order they were recorded in. Each
    summary is in ``locale``; ``kind`` and ``data`` are the same in every language."""
    entries: list[TimelineEntry] = []
    for change in opportunity.stage_history:
        if change.from_stage is None:
            created = translate("Created in {stage}", locale, stage=stage_name(change.to_stage, locale))
            entries.append(TimelineEntry(change.at, EntryKind.CREATED, change.by, created))
            continue
        entries.append(
            TimelineEntry(
                change.at, EntryKind.STAGE_MOVE, change.by,
                translate(
                    "Moved from {before} to {after}", locale,
                    before=stage_name(change.from_stage, locale), after=stage_name(change.to_stage, locale),
                ),
                data={"from": change.from_stage.key, "to": change.to_stage.key, "note": change.note},
            )
        )  # fmt: skip
    for a in assignments:
        if a.from_owner_id is None:
            continue  # the first owner: part of creating the opportunity
        entries.append(
            TimelineEntry(
                a.at, EntryKind.ASSIGNMENT, a.by_user_id,
                translate(
                    "Assigned to {owner} ({reason})", locale,
                    owner=a.to_owner_id, reason=_reason_word(a.reason, locale),
                ),
                data={"from": a.from_owner_id, "to": a.to_owner_id, "reason": a.reason.value, "note": a.note},
            )
        )  # fmt: skip
    for c in opportunity.close_date_history:
        if c.old is None:
            continue  # the first date is part of creating the opportunity
        entries.append(
            TimelineEntry(
                c.at, EntryKind.CLOSE_DATE, c.by,
                translate("Expected close date {old} → {new}", locale, old=c.old, new=c.new),
                data={"old": c.old.isoformat(), "new": c.new.isoformat(), "reason": c.reason},
            )
        )  # fmt: skip
    for p in opportunity.probability_history:
        override = (
            translate("Probability override cleared", locale)
            if p.after is None
            else translate("Probability override set to {percent}%", locale, percent=p.after)
        )
        entries.append(
            TimelineEntry(
                p.at, EntryKind.PROBABILITY, p.by, override,
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
        revised = (
            translate(" (revised {count}×)", locale, count=len(act.revisions) - 1)
            if len(act.revisions) > 1
            else ""
        )
        summary = translate(
            "{kind}: {text}{revised}",
            locale,
            kind=_activity_word(act.kind, locale),
            text=act.current.text[:120],
            revised=revised,
        )
        entries.append(
            TimelineEntry(
                act.occurred_at, EntryKind.ACTIVITY, first.recorded_by, summary, activity_id=act.id,
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
    locale: str = DEFAULT_LOCALE,
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
        stage_name=stage_name(opportunity.stage, locale),
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
